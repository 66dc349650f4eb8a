/** A TrayView that records every call, standing in for Electron's Tray. */
import type { MenuItemModel, TrayIconSpec, TrayView } from '../../main/tray/tray-view';

export class RecordingView implements TrayView {
  calls: { method: keyof TrayView; arg: unknown }[] = [];
  title = '';
  image: TrayIconSpec | null = null;
  toolTip = '';
  menu: MenuItemModel[] = [];

  setTitle(title: string): void {
    this.calls.push({ method: 'setTitle', arg: title });
    this.title = title;
  }
  setImage(icon: TrayIconSpec): void {
    this.calls.push({ method: 'setImage', arg: icon });
    this.image = icon;
  }
  setToolTip(text: string): void {
    this.calls.push({ method: 'setToolTip', arg: text });
    this.toolTip = text;
  }
  setMenu(menu: MenuItemModel[]): void {
    this.calls.push({ method: 'setMenu', arg: menu });
    this.menu = menu;
  }
  count(method: keyof TrayView): number {
    return this.calls.filter((c) => c.method === method).length;
  }
}
