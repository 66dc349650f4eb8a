/** `screen`: one 1920x1080 display per OS, and the pointer where the driver put it. */
import type { Point, Rectangle, Screen } from 'electron';
import type { FakeElectron } from '../fake-electron';
import type { FakePlatform } from './common';

/** Screen geometry per OS: a 1920x1080 display with the menu bar on top (macOS) or the taskbar below (Windows). */
const DISPLAYS: Record<FakePlatform, { bounds: Rectangle; workArea: Rectangle }> = {
  darwin: { bounds: { x: 0, y: 0, width: 1920, height: 1080 }, workArea: { x: 0, y: 25, width: 1920, height: 1055 } },
  win32: { bounds: { x: 0, y: 0, width: 1920, height: 1080 }, workArea: { x: 0, y: 0, width: 1920, height: 1032 } },
  linux: { bounds: { x: 0, y: 0, width: 1920, height: 1080 }, workArea: { x: 0, y: 27, width: 1920, height: 1053 } },
};

export function displayOf(platform: FakePlatform) {
  const d = DISPLAYS[platform];
  return { id: 1, scaleFactor: 1, bounds: { ...d.bounds }, workArea: { ...d.workArea } };
}

export function createScreen(fake: FakeElectron) {
  const { record } = fake;
  const screen = {
    getDisplayNearestPoint: (p: Point) => {
      record('screen', 'getDisplayNearestPoint', [p]);
      return fake.display();
    },
    getPrimaryDisplay: () => {
      record('screen', 'getPrimaryDisplay', []);
      return fake.display();
    },
    getCursorScreenPoint: (): Point => ({ ...fake.cursor }),
  } satisfies Partial<Record<keyof Screen, unknown>> & Pick<Screen, 'getCursorScreenPoint'>;
  return screen;
}
