import type { Locator, Page } from 'playwright-core';
import { centerOf, type CanvasPage, type Point } from './canvas-page';

/** The node palette: search, and drag a node type onto the canvas. */
export class PalettePage {
  constructor(
    private readonly page: Page,
    private readonly canvas: CanvasPage,
  ) {}

  item(type: string): Locator {
    return this.page.getByTestId(`palette-item-${type}`);
  }

  async search(query: string): Promise<void> {
    await this.page.getByTestId('palette-search').fill(query);
  }

  /** Drags a node type with the mouse and drops it on the pane at `at`; returns the new node's id. */
  async dragOnto(type: string, at: Point): Promise<string> {
    const before = new Set(await this.canvas.nodeIds());
    const item = this.item(type);
    // Below the fold, a user searches rather than scrolls.
    const searched = !(await item.evaluate(inView));
    if (searched) await this.search(type);
    const from = await centerOf(item);
    await this.page.mouse.move(from.x, from.y);
    await this.page.mouse.down();
    await this.page.mouse.move(at.x, at.y, { steps: 8 });
    await this.page.mouse.up();
    const id = await this.canvas.newNodeId(before);
    if (searched) await this.search('');
    return id;
  }
}

/** True when the element is wholly inside its scrolled list. */
function inView(el: Element): boolean {
  const list = el.closest('.palette-groups');
  if (list === null) return true;
  const r = el.getBoundingClientRect();
  const l = list.getBoundingClientRect();
  return r.top >= l.top && r.bottom <= l.bottom;
}
