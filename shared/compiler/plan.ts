import type {
  Column,
  Compiled,
  ExternalSinkSpec,
  ExternalSourceSpec,
  ReportSinkSpec,
  FileCheck,
  FileRead,
  HeaderRow,
  InputRelation,
  NodeType,
  PinnedSource,
  QualitySpec,
  RejectsSpec,
  SinkSpec,
  CsvTyping,
} from '../catalog/node-type';
import type { DeltaSinkSpec } from '../catalog/delta-table';
import type { Diagnostic } from '../diagnostics';
import type { PipelineNode } from '../format/document';

/** One node of the plan, in execution order. */
export interface PlanStep {
  nodeId: string;
  type: string;
  /** Name of the DuckDB view holding this node's output (quoted SQL). */
  view?: { name: string; sql: string };
  sink?: SinkSpec;
  /** Read by a connector into {@link externalTable}; the view reads that table. */
  externalSource?: ExternalSourceSpec;
  /** Written by a connector. */
  externalSink?: ExternalSinkSpec;
  /** Committed to a Delta table by the engine's Delta writer. */
  deltaSink?: DeltaSinkSpec;
  /** See Compiled.deltaSource. */
  deltaSource?: { table: string; version: number };
  /** A report the engine writes after the run's other outputs. */
  report?: ReportSinkSpec;
  reads: FileRead[];
  checks: FileCheck[];
  /** Upstream node ids. */
  upstream: string[];
  /** See Compiled.pin. */
  pin?: string;
  /** See Compiled.headerRow. */
  headerRow?: HeaderRow;
  /** See Compiled.quality. */
  quality?: QualitySpec;
  /** Other output ports: port → the view holding its rows. */
  ports?: Record<string, { name: string; sql: string }>;
  /** See Compiled.rejects. */
  rejects?: RejectsSpec;
  /** See Compiled.keepPinned. */
  keepPinned?: boolean;
  /** See Compiled.typing. */
  typing?: CsvTyping;
  /** See Compiled.detected. */
  detected?: { params: Record<string, string | number | boolean>; description: string };
}

export interface Plan {
  steps: PlanStep[];
  diagnostics: Diagnostic[];
}

/** A node after structural analysis, ready to compile once its inputs' schemas are known. */
export interface AnalyzedNode {
  node: PipelineNode;
  def: NodeType;
  /** Port → upstream refs. */
  inputs: Record<string, string[]>;
  upstream: string[];
  /** The params after `${…}` substitution and validation; null when they are invalid. */
  params: Readonly<Record<string, unknown>> | null;
  /** Null when the params are invalid or a required input is not connected (the diagnostics say why). */
  compile: ((inputs: Record<string, InputRelation[]>, pinned?: PinnedSource) => Compiled) | null;
}

export interface Analysis {
  /** Node ids in a valid execution order (nodes on cycles are left out). */
  order: string[];
  nodes: Map<string, AnalyzedNode>;
  diagnostics: Diagnostic[];
}

export type SchemaLookup = (nodeId: string) => readonly Column[] | undefined;
