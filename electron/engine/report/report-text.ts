import type { MessageLocale } from '../../../shared/messages/template';

/** Every word the report prints, in English and Brazilian Portuguese. */
export interface ReportText {
  generated: string;
  summary: string;
  runOk: string;
  runFailed: string;
  runCancelled: string;
  noRun: string;
  /** `{time}` and `{duration}` filled in. */
  ranAt: string;
  node: string;
  file: string;
  rows: string;
  outputs: string;
  checks: string;
  noChecks: string;
  passed: string;
  failed: string;
  charts: string;
  noCharts: string;
  table: string;
  firstRows: string;
  moreRows: string;
  profile: string;
  column: string;
  type: string;
  empty: string;
  distinct: string;
  min: string;
  max: string;
  mean: string;
  median: string;
  chartFailed: string;
  sectionFailed: string;
  capped: string;
  sampled: string;
  problems: string;
  /** A missing value on a chart's axis. */
  emptyValue: string;
  /** Before the nodes that failed. */
  failedNodes: string;
}

const en: ReportText = {
  generated: 'Generated {time}',
  summary: 'Run summary',
  runOk: 'The run succeeded',
  runFailed: 'The run failed',
  runCancelled: 'The run was cancelled',
  noRun: 'No run recorded.',
  ranAt: 'Run of {time}, took {duration}',
  node: 'Node',
  file: 'File',
  rows: 'Rows',
  outputs: 'Outputs',
  checks: 'Data checks',
  noChecks: 'No data check ran.',
  passed: 'passed',
  failed: 'failed',
  charts: 'Charts of {node}',
  noCharts: '{node} has no saved charts.',
  table: 'Rows of {node}',
  firstRows: 'The first {count} rows.',
  moreRows: 'More rows follow.',
  profile: 'Profile of {node}',
  column: 'Column',
  type: 'Type',
  empty: 'Empty',
  distinct: 'Distinct ≈',
  min: 'Min',
  max: 'Max',
  mean: 'Mean',
  median: 'Median ≈',
  chartFailed: 'This chart could not be drawn: {reason}',
  sectionFailed: 'This section could not be computed: {reason}',
  capped: 'Only the first points are drawn (more exist).',
  sampled: 'A repeatable sample of the rows is drawn.',
  problems: 'Problems',
  emptyValue: '(empty)',
  failedNodes: 'Failed nodes',
};

const ptBR: ReportText = {
  generated: 'Gerado em {time}',
  summary: 'Resumo da execução',
  runOk: 'A execução foi concluída',
  runFailed: 'A execução falhou',
  runCancelled: 'A execução foi cancelada',
  noRun: 'Nenhuma execução registrada.',
  ranAt: 'Execução de {time}, levou {duration}',
  node: 'Nó',
  file: 'Arquivo',
  rows: 'Linhas',
  outputs: 'Saídas',
  checks: 'Verificações de dados',
  noChecks: 'Nenhuma verificação de dados foi executada.',
  passed: 'passou',
  failed: 'falhou',
  charts: 'Gráficos de {node}',
  noCharts: '{node} não tem gráficos salvos.',
  table: 'Linhas de {node}',
  firstRows: 'As primeiras {count} linhas.',
  moreRows: 'Há mais linhas.',
  profile: 'Perfil de {node}',
  column: 'Coluna',
  type: 'Tipo',
  empty: 'Vazios',
  distinct: 'Distintos ≈',
  min: 'Mín.',
  max: 'Máx.',
  mean: 'Média',
  median: 'Mediana ≈',
  chartFailed: 'Não foi possível desenhar este gráfico: {reason}',
  sectionFailed: 'Não foi possível calcular esta seção: {reason}',
  capped: 'Só os primeiros pontos são desenhados (há mais).',
  sampled: 'Uma amostra repetível das linhas é desenhada.',
  problems: 'Problemas',
  emptyValue: '(vazio)',
  failedNodes: 'Nós que falharam',
};

export function reportText(locale: MessageLocale): ReportText {
  return locale === 'pt-BR' ? ptBR : en;
}

/** `{name}` placeholders filled in; the values are plain text (the HTML builder escapes the result). */
export function fill(template: string, values: Readonly<Record<string, string>>): string {
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => values[name] ?? whole);
}
