/**
 * Drivers of the studio's layout designer: drags with the mouse as a person does (press the handle, move in steps,
 * release over a chip to take its place or over a box's free space to append) and with the keyboard (dnd-kit's
 * sensor: Space lifts, arrows move, Space drops), and what the designer and its previews show.
 */
import type { Locator, Page } from 'playwright-core';

export async function openLayout(page: Page, name: string): Promise<void> {
  await page.goto(`/studio/layouts/${name}`);
  await page.getByTestId('layout-editor').waitFor();
}

/** Drags the field into a section (`null`: back to the palette) so it ends at `index` there. */
export async function moveField(page: Page, field: string, toSection: string | null, index: number): Promise<void> {
  const box = page.getByTestId(toSection === null ? 'layout-palette-box' : `layout-section-${toSection}-box`);
  await dragChip(page, page.getByTestId(`layout-field-${field}-handle`), box, index);
}

/** Moves a field with the keyboard: focus its handle, Space, the arrow keys given, Space. */
export async function moveFieldByKeyboard(page: Page, field: string, keys: string[]): Promise<void> {
  await keyboardDrag(page, page.getByTestId(`layout-field-${field}-handle`), keys);
}

/** Drags a field of the object into a list view's columns so it is the column at `index`. */
export async function addColumn(page: Page, view: string, field: string, index: number): Promise<void> {
  await dragChip(page, page.getByTestId(`list-view-${view}-column-${field}-handle`), page.getByTestId(`list-view-${view}-columns`), index);
}

/** The fields of a section in the designer, in order. */
export const sectionFields = (page: Page, section: string) => chipNames(page.getByTestId(`layout-section-${section}-box`));

/** The columns of a list view in the designer, in order. */
export const viewColumns = (page: Page, view: string) => chipNames(page.getByTestId(`list-view-${view}-columns`));

/** The field labels a section of a record form shows (the studio's preview or runtime-ui's form), in order. */
export async function formSectionLabels(scope: Page | Locator, section: string): Promise<string[]> {
  const labels = await scope.getByTestId(`form-section-${section}`).locator('.ant-form-item-label label').allTextContents();
  return labels.map((label) => label.trim());
}

/** The header texts of a list view's draft preview. */
export const previewHeaders = (page: Page, view: string) => page.getByTestId(`list-preview-${view}`).locator('.ant-table-thead th').allTextContents();

async function chipNames(box: Locator): Promise<string[]> {
  return box.locator(':scope > [data-name]').evaluateAll((chips) => chips.map((chip) => chip.getAttribute('data-name') ?? ''));
}

/**
 * Over the chip now at `index` (the dragged one takes its place), or over the box's free corner to append. The target
 * is fixed in page coordinates before the drag: dnd-kit scrolls the window when the pointer nears its edge, and
 * chips shifting aside while dragging don't move where the drop lands.
 */
async function dragChip(page: Page, handle: Locator, box: Locator, index: number): Promise<void> {
  const chips = box.locator(':scope > [data-name]');
  const count = await chips.count();
  await handle.scrollIntoViewIfNeeded();
  const start = await centre(handle);
  const target = await onPage(page, index < count ? await centre(chips.nth(index)) : await freeCorner(box));
  await page.mouse.move(start.x, start.y);
  await page.mouse.down();
  await page.mouse.move(start.x + 8, start.y + 8, { steps: 4 });
  let at = await inViewport(page, target);
  for (let tries = 0; tries < 8; tries += 1) {
    await page.mouse.move(at.x, at.y, { steps: 10 });
    await page.waitForTimeout(150);
    const now = await inViewport(page, target);
    if (Math.abs(now.y - at.y) < 1) break;
    at = now;
  }
  await page.mouse.up();
}

type Point = { x: number; y: number };

const scrollOf = (page: Page) => page.evaluate<Point>('({ x: window.scrollX, y: window.scrollY })');

async function onPage(page: Page, point: Point): Promise<Point> {
  const scroll = await scrollOf(page);
  return { x: point.x + scroll.x, y: point.y + scroll.y };
}

async function inViewport(page: Page, point: Point): Promise<Point> {
  const scroll = await scrollOf(page);
  return { x: point.x - scroll.x, y: point.y - scroll.y };
}

async function keyboardDrag(page: Page, handle: Locator, keys: string[]): Promise<void> {
  await handle.focus();
  await page.keyboard.press('Space');
  for (const key of keys) {
    await page.keyboard.press(key);
    // dnd-kit moves on the next frame and measures the new place before the next key.
    await page.waitForTimeout(150);
  }
  await page.keyboard.press('Space');
}

async function centre(locator: Locator): Promise<Point> {
  const rect = (await locator.boundingBox())!;
  return { x: rect.x + rect.width / 2, y: rect.y + rect.height / 2 };
}

/** Inside the box's padding at its bottom right: under no chip. */
async function freeCorner(box: Locator): Promise<Point> {
  const rect = (await box.boundingBox())!;
  return { x: rect.x + rect.width - 4, y: rect.y + rect.height - 4 };
}
