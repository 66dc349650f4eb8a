/** `Menu`: templates kept as given (the driver finds and clicks items by label), and the application menu. */
import type { Menu } from 'electron';
import type { FakeElectron } from '../fake-electron';
import { describe } from './common';

export type MenuTemplateItem = Record<string, unknown> & { label?: string; click?: (...a: unknown[]) => void; submenu?: MenuTemplateItem[] };

export class FakeMenu {
  constructor(readonly items: MenuTemplateItem[]) {}
  describe() {
    return { menu: describe(this.items) };
  }
}

export function createMenu(fake: FakeElectron) {
  const { record } = fake;
  return {
    buildFromTemplate: (template: MenuTemplateItem[]) => {
      record('Menu', 'buildFromTemplate', [template]);
      return new FakeMenu(template);
    },
    setApplicationMenu: (menu: FakeMenu | null) => {
      record('Menu', 'setApplicationMenu', [menu]);
      fake.applicationMenu = menu;
    },
  } satisfies Partial<Record<keyof typeof Menu, unknown>>;
}

/**
 * The template item at a path of labels ('Enter MFA code…', or a submenu label then an item label).
 * A label ending in "*" matches by what comes before it: a countdown line ("mfa — *") changes with
 * the minute, and with a new session, between a test's snapshot and its click.
 */
export function findMenuItem(menu: FakeMenu, labels: string[]): MenuTemplateItem {
  let items = menu.items;
  let found: MenuTemplateItem | undefined;
  for (const label of labels) {
    const matches = (l: string | undefined): boolean => (label.endsWith('*') ? l?.startsWith(label.slice(0, -1)) === true : l === label);
    found = items.find((i) => matches(i.label));
    if (!found) throw new Error(`no menu item "${label}" among ${JSON.stringify(items.map((i) => i.label ?? i.type))}`);
    items = found.submenu ?? [];
  }
  if (!found) throw new Error('empty menu path');
  return found;
}
