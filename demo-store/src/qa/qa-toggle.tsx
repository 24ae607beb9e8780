import type { ComponentType } from 'preact';
import { useEffect, useState } from 'preact/hooks';

const KEY = 'demo-store.qa';

/**
 * The QA button (bottom left). The panel's code is loaded only when it is first opened, so
 * shoppers never download it; `?qa=1` opens it, and the choice sticks for the session.
 */
export function QaToggle() {
  const [open, setOpen] = useState(() => new URLSearchParams(location.search).has('qa') || sessionStorage.getItem(KEY) === '1');
  const [Panel, setPanel] = useState<ComponentType<{ onClose: () => void }>>();
  useEffect(() => {
    sessionStorage.setItem(KEY, open ? '1' : '0');
    if (open && !Panel) import('./qa-panel').then((m) => setPanel(() => m.QaPanel));
  }, [open]);
  return (
    <>
      <button type="button" class="qa-toggle" aria-expanded={open} onClick={() => setOpen(!open)}>
        QA
      </button>
      {open && Panel ? <Panel onClose={() => setOpen(false)} /> : null}
    </>
  );
}
