import { LitElement } from 'lit';

/**
 * The base of every `<af-…>` element: an update that fails (unexpected data from a server, a
 * bug) is reported as a console warning and leaves the last rendering in place, instead of
 * becoming an uncaught error in the merchant's page.
 */
export class SafeElement extends LitElement {
  protected override scheduleUpdate(): void | Promise<unknown> {
    try {
      return super.scheduleUpdate();
    } catch (err) {
      console.warn(`[affinity] <${this.localName}> could not render:`, err);
    }
  }
}
