import type { MessageLocale } from '../../../shared/messages/template';
import type { CheckResult, ProfileResult, RunResult } from '../api';

/**
 * What a report shows, gathered by the engine (gather-report.ts) and turned
 * into HTML by a pure function (report-html.ts). Every string in it is the
 * user's or the data's: the builder escapes all of them.
 */
export interface ReportData {
  title: string;
  locale: MessageLocale;
  /** When the report was made: the only line that changes between two reports of the same data. */
  generatedAt: Date;
  sections: ReportSection[];
}

/** A chart drawn twice (light and dark), as inline SVG markup the engine rendered. */
export interface DrawnChart {
  title: string;
  light: string;
  dark: string;
  note?: 'capped' | 'sampled';
}

export type ReportSection =
  | { kind: 'summary'; run: RunSummary | undefined }
  | { kind: 'checks'; checks: readonly CheckResult[] | undefined }
  | { kind: 'charts'; nodeId: string; charts: ReadonlyArray<DrawnChart | { title: string; problem: string }> }
  | { kind: 'table'; nodeId: string; columns: readonly string[]; rows: ReadonlyArray<readonly Cell[]>; more: boolean }
  | { kind: 'profile'; nodeId: string; profile: ProfileResult }
  | { kind: 'failed'; nodeId: string; heading: 'table' | 'profile' | 'charts'; problem: string };

export type Cell = string | number | boolean | null;

/** The run a report summarises: when, how long, and per node what it did. */
export interface RunSummary {
  at: Date;
  result: Pick<RunResult, 'ok' | 'cancelled' | 'elapsedMs' | 'nodes' | 'outputs' | 'diagnostics'>;
}
