import type { Locator, Page } from 'playwright-core';

export interface Point {
  x: number;
  y: number;
}

/** The node canvas: nodes, handles, wires, the pane, quick-add. */
export class CanvasPage {
  constructor(private readonly page: Page) {}

  get root(): Locator {
    return this.page.getByTestId('canvas');
  }

  get pane(): Locator {
    return this.page.locator('.react-flow__pane');
  }

  get emptyState(): Locator {
    return this.page.getByTestId('empty-state');
  }

  node(id: string): Locator {
    return this.page.locator(`.react-flow__node[data-id="${id}"]`);
  }

  get nodes(): Locator {
    return this.page.locator('.react-flow__node');
  }

  get edges(): Locator {
    return this.page.locator('.react-flow__edge');
  }

  /** The wires as the document names them (`target|port|ref`), sorted. */
  async wireIds(): Promise<string[]> {
    const ids = await this.edges.evaluateAll((els) => els.map((e) => e.getAttribute('data-id') ?? ''));
    return ids.sort();
  }

  /** The middle of a wire on screen (the wires here are drawn between handles at similar heights). */
  async wireMiddle(id: string): Promise<Point> {
    return centerOf(this.page.locator(`.react-flow__edge[data-id="${id}"] path.react-flow__edge-path`));
  }

  /** Drags a node by its title so that its middle lands at `at`. */
  async dragNodeMiddleTo(id: string, at: Point): Promise<void> {
    const middle = await centerOf(this.node(id));
    await this.dragNode(id, { x: at.x - middle.x, y: at.y - middle.y });
  }

  async nodeIds(): Promise<string[]> {
    return this.nodes.evaluateAll((els) => els.map((e) => e.getAttribute('data-id') ?? ''));
  }

  /** A point of the pane, as fractions of its size (0..1 from its top-left). */
  async at(fx: number, fy: number): Promise<Point> {
    const box = await boxOf(this.pane);
    return { x: box.x + box.width * fx, y: box.y + box.height * fy };
  }

  /** Selects a node by clicking its title (never a handle or a field). */
  async select(id: string): Promise<void> {
    await this.node(id).locator('.pnode-head').click();
  }

  /**
   * Drags a wire from an output handle to an input handle with the mouse,
   * once the nodes have settled (a new check can change their height and so
   * move their handles, as a user would see before aiming).
   */
  async connect(from: string, to: string, ports: { out?: string; in?: string } = {}): Promise<void> {
    await settled(this.page);
    const a = await centerOf(this.handle(from, 'out', ports.out ?? 'out'));
    const b = await centerOf(this.handle(to, 'in', ports.in ?? 'in'));
    await this.mouseDrag(a, b, 12);
  }

  /** Drags a wire from an output handle and lets go over empty pane: quick-add opens there. */
  async dropWire(from: string, at: Point, port = 'out'): Promise<void> {
    await this.mouseDrag(await centerOf(this.handle(from, 'out', port)), at, 12);
  }

  handle(node: string, side: 'in' | 'out', port: string): Locator {
    return this.page.getByTestId(`handle-${node}-${side}-${port}`);
  }

  /** Drags a node by its title, `moves` mouse moves long. */
  async dragNode(id: string, by: Point, moves = 20): Promise<void> {
    const start = await centerOf(this.node(id).locator('.pnode-head'));
    await this.mouseDrag(start, { x: start.x + by.x, y: start.y + by.y }, moves);
  }

  /** A node's top-left corner on screen. */
  async position(id: string): Promise<Point> {
    const box = await boxOf(this.node(id));
    return { x: box.x, y: box.y };
  }

  /** The columns a node shows (its live schema). */
  columns(id: string): Locator {
    return this.node(id).locator('.pnode-columns .col-name');
  }

  /** ok, error, warning, running, done, failed, cancelled or none. */
  async status(id: string): Promise<string | null> {
    return this.page.getByTestId(`node-status-${id}`).getAttribute('data-status');
  }

  statusBadge(id: string): Locator {
    return this.page.getByTestId(`node-status-${id}`);
  }

  /** The rows a wire carried in the last run, at its midpoint (absent before a run or once stale). */
  wireRows(source: string, target: string): Locator {
    return this.page.getByTestId(`edge-rows-${source}-${target}`);
  }

  message(id: string): Locator {
    return this.node(id).locator('.pnode-message');
  }

  /** Double-clicks empty pane: quick-add opens where the pointer is. */
  async quickAddAt(at: Point): Promise<void> {
    await this.page.mouse.dblclick(at.x, at.y);
  }

  get quickAdd(): Locator {
    return this.page.getByTestId('quick-add');
  }

  /** Types into the open quick-add and takes the highlighted match with Enter, checking it is `expectType`; returns the new node's id. */
  async quickAddEnter(query: string, expectType: string): Promise<string> {
    const before = new Set(await this.nodeIds());
    await this.page.getByTestId('quick-add-input').fill(query);
    await this.quickAdd
      .locator('[role="option"][aria-selected="true"]')
      .getByTestId(`quick-add-item-${expectType}`)
      .waitFor();
    await this.page.keyboard.press('Enter');
    await this.quickAdd.waitFor({ state: 'detached' });
    return this.newNodeId(before);
  }

  /** Types into the open quick-add and clicks the match of `type`; returns the new node's id. */
  async quickAddClick(query: string, type: string): Promise<string> {
    const before = new Set(await this.nodeIds());
    await this.page.getByTestId('quick-add-input').fill(query);
    await this.page.getByTestId(`quick-add-item-${type}`).click();
    await this.quickAdd.waitFor({ state: 'detached' });
    return this.newNodeId(before);
  }

  /** Waits for a node that is not in `before` and returns its id. */
  async newNodeId(before: ReadonlySet<string>): Promise<string> {
    await this.page.waitForFunction((n) => document.querySelectorAll('.react-flow__node').length > n, before.size);
    const added = (await this.nodeIds()).filter((id) => !before.has(id));
    if (added.length !== 1) throw new Error(`expected one new node, got ${JSON.stringify(added)}`);
    return added[0] ?? '';
  }

  private async mouseDrag(from: Point, to: Point, steps: number): Promise<void> {
    const mouse = this.page.mouse;
    await mouse.move(from.x, from.y);
    await mouse.down();
    await mouse.move(to.x, to.y, { steps });
    await mouse.up();
  }
}

/** Waits until the design-time check (schemas, diagnostics) of the latest edit is on screen. */
export async function settled(page: Page): Promise<void> {
  await page.locator('[data-testid="check-state"][data-up-to-date="true"]').waitFor({ state: 'attached' });
}

export async function boxOf(l: Locator): Promise<{ x: number; y: number; width: number; height: number }> {
  const box = await l.boundingBox();
  if (box === null) throw new Error(`${l.toString()} is not visible`);
  return box;
}

export async function centerOf(l: Locator): Promise<Point> {
  const box = await boxOf(l);
  return { x: box.x + box.width / 2, y: box.y + box.height / 2 };
}
