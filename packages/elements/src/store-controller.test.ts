import { LitElement, html } from 'lit';
import { atom } from 'nanostores';
import { describe, expect, it } from 'vitest';
import { StoreController } from './store-controller';

const $a = atom('first');
const $b = atom('other');

class TestStoreEl extends LitElement {
  readonly ctrl = new StoreController(this, $a);
  override render() {
    return html`<p>${this.ctrl.value}</p>`;
  }
}
customElements.define('test-store-el', TestStoreEl);

describe('StoreController', () => {
  it('renders the store, follows changes while connected, and switches stores', async () => {
    const el = document.createElement('test-store-el') as TestStoreEl;
    document.body.append(el);
    await el.updateComplete;
    const text = () => el.shadowRoot!.querySelector('p')!.textContent;
    expect(text()).toBe('first');
    $a.set('second');
    await el.updateComplete;
    expect(text()).toBe('second');
    el.ctrl.store = $b;
    await el.updateComplete;
    expect(text()).toBe('other');
    $a.set('ignored');
    $b.set('third');
    await el.updateComplete;
    expect(text()).toBe('third');
    el.remove();
    // Disconnected elements stop listening, so the store can unmount.
    expect($b.lc).toBe(0);
  });
});

describe('SafeElement', () => {
  it('turns a failing render into a warning instead of an uncaught error in the page', async () => {
    const { SafeElement } = await import('./safe-element');
    const { vi } = await import('vitest');
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    class Broken extends SafeElement {
      override render(): never {
        throw new Error('bad server data');
      }
    }
    customElements.define('test-broken-el', Broken);
    const el = document.createElement('test-broken-el') as InstanceType<typeof Broken>;
    document.body.append(el);
    await expect(el.updateComplete).resolves.toBeDefined();
    expect(warn).toHaveBeenCalledWith(expect.stringContaining('<test-broken-el> could not render'), expect.any(Error));
    warn.mockRestore();
    el.remove();
  });
});
