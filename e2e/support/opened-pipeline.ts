import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { AppPage } from '../pages/app-page';
import { freshDir, launchTarget, type Target, type TargetKind } from './target';

/** A pipeline a spec writes for itself: its nodes as the file keeps them. */
export interface SpecPipeline {
  name: string;
  nodes: readonly unknown[];
}

/**
 * The usual start of a spec: a fresh folder with `files` (name → text) and
 * `<name>.duto.json`, the app launched in it with that pipeline open (through
 * Open…, as a user would), its last node drawn and its checks settled.
 */
export async function launchWithPipeline(
  kind: TargetKind,
  files: Readonly<Record<string, string>>,
  pipeline: SpecPipeline,
): Promise<{ target: Target; app: AppPage }> {
  const workDir = freshDir(`duto-e2e-${pipeline.name}-`);
  for (const [name, text] of Object.entries(files)) writeFileSync(join(workDir, name), text);
  const file = join(workDir, `${pipeline.name}.duto.json`);
  writeFileSync(
    file,
    `${JSON.stringify({ format: 'duto.pipeline', version: 2, name: pipeline.name, nodes: pipeline.nodes }, null, 2)}\n`,
  );
  const target = await launchTarget(kind, workDir);
  const app = new AppPage(target.page);
  await target.answerOpen(file, () => app.toolbar.clickOpen());
  const last = pipeline.nodes[pipeline.nodes.length - 1];
  const lastId =
    typeof last === 'object' && last !== null && 'id' in last && typeof last.id === 'string' ? last.id : undefined;
  if (lastId !== undefined) await app.canvas.node(lastId).waitFor();
  await app.settled();
  return { target, app };
}

/** The usual end: the app closed and its folder removed. */
export async function closeTarget(target: Target | undefined): Promise<void> {
  await target?.close();
  if (target !== undefined) rmSync(target.workDir, { recursive: true, force: true });
}
