import { ConnectorError } from '../external/types';
import { said } from '../../../shared/messages/diagnostic-messages';

/** Input the trainer or scorer refuses: a ConnectorError the engine reports on the node, naming the column. */

export function notNumeric(column: string, value: string): ConnectorError {
  return new ConnectorError(said('ml.input/not-numeric', { column, value }), { param: 'numeric' });
}

export function allNull(column: string): ConnectorError {
  return new ConnectorError(said('ml.input/all-null', { column }), { param: 'numeric' });
}

export function oneClass(column: string, value: string): ConnectorError {
  return new ConnectorError(said('ml.input/one-class', { column, value }), { param: 'target' });
}

export function missingColumn(column: string, param: string): ConnectorError {
  return new ConnectorError(said('ml.input/missing', { column }), { param });
}

export function tooFewRows(rows: number): ConnectorError {
  return new ConnectorError(said('ml.input/rows', { rows }), { param: 'target' });
}

export function forestTooLarge(grown: number, trees: number, max: number): ConnectorError {
  return new ConnectorError(said('ml.input/forest-size', { grown, trees, max }), { param: 'maxDepth' });
}

export function boostTooLarge(grown: number, trees: number, max: number): ConnectorError {
  return new ConnectorError(said('ml.input/boost-size', { grown, trees, max }), { param: 'maxDepth' });
}

export function boostTooManyTrees(classes: number, rounds: number, max: number): ConnectorError {
  return new ConnectorError(said('ml.input/boost-trees', { classes, rounds, trees: classes * rounds, max }), {
    param: 'trees',
  });
}
