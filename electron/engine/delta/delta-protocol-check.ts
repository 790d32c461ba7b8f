import { error } from '../../../shared/diagnostics';
import type { MetaDataAction, ProtocolAction } from './delta-actions';
import { deltaFailure } from './delta-errors';

/**
 * Reader features this reader handles. Deletion vectors are allowed in the
 * protocol only while no active file carries one (checked by the replay);
 * everything else is refused by name, never read wrong.
 */
const SUPPORTED_READER_FEATURES = new Set(['columnMapping', 'timestampNtz', 'deletionVectors']);

export function checkProtocol(table: string, protocol: ProtocolAction): void {
  if (protocol.minReaderVersion > 3)
    throw deltaFailure(error('delta.reader-version', { table, version: protocol.minReaderVersion }, { file: table }));
  if (protocol.minReaderVersion === 3) {
    for (const feature of protocol.readerFeatures ?? []) {
      if (!SUPPORTED_READER_FEATURES.has(feature))
        throw deltaFailure(error('delta.feature', { table, feature }, { file: table }));
    }
  }
}

export type ColumnMappingMode = 'none' | 'name' | 'id';

export function columnMappingMode(table: string, metaData: MetaDataAction): ColumnMappingMode {
  const mode = metaData.configuration?.['delta.columnMapping.mode'] ?? 'none';
  if (mode === 'none' || mode === 'name' || mode === 'id') return mode;
  throw deltaFailure(error('delta.feature', { table, feature: `columnMapping.mode=${mode}` }, { file: table }));
}
