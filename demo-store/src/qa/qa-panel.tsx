import { createProfile, getRuntime, lifecycleOf, resolveProfileOptions, type AffinityEvent, type Assignment, type ConsentState, type Experiments, type Profile, type ProfileStore, type Runtime, type SyncState } from '@affinity/core';
import { Fragment } from 'preact';
import type { ReadableAtom } from 'nanostores';
import { useEffect, useState } from 'preact/hooks';
import { PERSONAS, demoClock, pendingRun, runPersona } from './personas';
import { loadedEmbed, type LoadedEmbed } from './sdk';

/** The embed once it has loaded (polls: the script tag is async). */
function useEmbed(): LoadedEmbed | undefined {
  const [embed, setEmbed] = useState(loadedEmbed);
  useEffect(() => {
    if (embed) return;
    const t = setInterval(() => {
      const e = loadedEmbed();
      if (e) (setEmbed(e), clearInterval(t));
    }, 250);
    return () => clearInterval(t);
  }, [embed]);
  return embed;
}

/** A nanostore's value as state. */
function useStore<T>(store: ReadableAtom<T> | undefined): T | undefined {
  const [value, setValue] = useState(store?.get());
  useEffect(() => store?.subscribe((v) => setValue(() => v)), [store]);
  return value;
}

/** The runtime's profile when the embed exposes one; else a QA-only profile over the same event log. */
function useProfileStore(embed: LoadedEmbed | undefined): ProfileStore | undefined {
  const [store, setStore] = useState<ProfileStore>();
  useEffect(() => {
    if (!embed) return;
    const shared = embed.runtime?.profile ?? getRuntime()?.profile;
    if (shared) return void setStore(shared);
    const own = createProfile(embed.sdk, { storageKey: 'qa-panel-profile' });
    setStore(own);
    return () => void own.destroy();
  }, [embed]);
  return store;
}

function useEventLog(embed: LoadedEmbed | undefined, limit = 40): AffinityEvent[] {
  const [log, setLog] = useState<AffinityEvent[]>([]);
  useEffect(() => {
    if (!embed) return;
    let live = true;
    embed.sdk.events().then((all) => live && setLog((now) => [...now, ...all.slice(-limit).reverse()].slice(0, limit)));
    const stop = embed.sdk.subscribe((e) => setLog((now) => [e, ...now].slice(0, limit)));
    return () => ((live = false), stop());
  }, [embed]);
  return log;
}

/** The page's runtime (the embed's when it exposes one, else the hooks'), polled: both start late. */
function useRuntimeOf(embed: LoadedEmbed | undefined): Runtime | undefined {
  const find = () => (embed?.runtime && 'arm' in embed.runtime ? (embed.runtime as Runtime) : getRuntime());
  const [rt, setRt] = useState(find);
  useEffect(() => {
    if (rt) return;
    const t = setInterval(() => {
      const r = find();
      if (r) (setRt(() => r), clearInterval(t));
    }, 250);
    return () => clearInterval(t);
  }, [embed, rt]);
  return rt;
}

/** Re-renders every `ms`, so values that depend on the (simulated) clock stay current. */
function useTick(ms: number): number {
  const [n, setN] = useState(0);
  useEffect(() => {
    const t = setInterval(() => setN((x) => x + 1), ms);
    return () => clearInterval(t);
  }, [ms]);
  return n;
}

const THRESHOLDS = resolveProfileOptions({}).lifecycle;
const DAY = 86_400_000;

function ExperimentsView({ experiments }: { experiments: Experiments | undefined }) {
  if (!experiments) return <p class="muted">Loading experiments…</p>;
  const arms: Assignment[] = experiments.all();
  if (!arms.length) return <p class="muted">No experiment running: everyone gets the personalized store.</p>;
  return (
    <dl class="qa-facts qa-experiments">
      {arms.map((a) => (
        <Fragment key={a.experiment}>
          <dt>{a.experiment}</dt>
          <dd data-variant={a.variant}>
            {a.variant}
            {a.control ? ` · control: ${a.listings === 'base' ? 'base order' : 'ranked'}, ${a.strategy ?? 'own'} recommendations, ${a.targetedCoupons ? 'targeted' : 'no targeted'} coupons` : ''}
          </dd>
        </Fragment>
      ))}
    </dl>
  );
}

const top = (scores: Record<string, { s: number }> | undefined, n = 4) =>
  Object.entries(scores ?? {})
    .sort((a, b) => b[1].s - a[1].s)
    .slice(0, n);

function ProfileView({ profile, segments }: { profile: Profile; segments: string[] }) {
  const kinds = Object.keys(profile.affinities) as (keyof Profile['affinities'])[];
  return (
    <div class="qa-grid">
      <dl class="qa-facts">
        <dt>Lifecycle</dt>
        {/* As of now, not of the last event: after a time travel it reads dormant before the shopper returns. */}
        <dd class="qa-lifecycle">{lifecycleOf(profile, Date.now(), THRESHOLDS)}</dd>
        <dt>Intent</dt>
        <dd>{profile.intent}</dd>
        <dt>RFM</dt>
        <dd>
          R{profile.rfm.recency} F{profile.rfm.frequency} M{profile.rfm.monetary} · {profile.rfm.segment}
        </dd>
        <dt>Price</dt>
        <dd>
          {profile.tags.priceSensitivity} ({profile.tags.priceSensitivityScore.toFixed(2)})
        </dd>
        <dt>Interaction</dt>
        <dd>
          {profile.tags.interactionLevel} ({profile.tags.interactionScore.toFixed(1)})
        </dd>
        <dt>Segments</dt>
        <dd>{segments.length ? segments.join(', ') : '—'}</dd>
        <dt>Orders</dt>
        <dd>
          {profile.orders.count} · £{profile.orders.revenue.toFixed(2)}
        </dd>
        <dt>Searches</dt>
        <dd>{profile.searches.join(', ') || '—'}</dd>
      </dl>
      {kinds.map((kind) => {
        const rows = top(profile.affinities[kind]);
        return rows.length ? (
          <div key={kind}>
            <h4>{kind}</h4>
            <ol class="qa-bars">
              {rows.map(([name, entry]) => (
                <li key={name}>
                  <span>{name}</span>
                  <meter min={0} max={rows[0]![1].s || 1} value={entry.s} />
                </li>
              ))}
            </ol>
          </div>
        ) : null;
      })}
    </div>
  );
}

/**
 * The QA panel: live consent and sync state, the profile (affinities, tags, RFM, lifecycle,
 * intent, segments), the event log, and the persona simulator with a reset button.
 */
export function QaPanel({ onClose }: { onClose: () => void }) {
  const embed = useEmbed();
  const consent = useStore<ConsentState>(embed?.sdk.$consent);
  const sync = useStore<SyncState>(embed?.sdk.$sync);
  const profileStore = useProfileStore(embed);
  const profile = useStore<Profile>(profileStore?.$profile);
  const segments = useStore<string[]>(profileStore?.$segments) ?? [];
  const log = useEventLog(embed);
  const runtime = useRuntimeOf(embed);
  const experiments = useStore<Experiments | undefined>(runtime?.$experiments);
  useTick(1000);
  const [running, setRunning] = useState<string>();
  const [error, setError] = useState<string>();

  const run = async (id: string, from = 0) => {
    const persona = PERSONAS.find((p) => p.id === id)!;
    setError(undefined);
    setRunning(`${persona.name}: step ${from}/${persona.steps.length}`);
    try {
      await runPersona(persona, (done, total) => setRunning(`${persona.name}: step ${done}/${total}`), 400, from);
      setRunning(undefined);
    } catch (e) {
      setRunning(undefined);
      setError((e as Error).message);
    }
  };
  // A run that started over in simulated time (a reload) continues here.
  useEffect(() => {
    const pending = embed && pendingRun();
    if (pending) void run(pending.persona.id, pending.next);
  }, [embed]);
  const offsetDays = Math.round((demoClock()?.offset() ?? 0) / DAY);

  const reset = async () => {
    try {
      demoClock()?.set(0);
      await embed?.sdk.forget();
    } finally {
      for (const key of Object.keys(localStorage)) if (key.startsWith('demo-store.')) localStorage.removeItem(key);
      location.assign('/');
    }
  };

  return (
    <aside class="qa-panel" aria-label="QA panel">
      <header class="qa-panel__head">
        <strong>Affinity QA</strong>
        <button type="button" class="link-button" onClick={onClose}>
          Close
        </button>
      </header>
      {!embed ? (
        <p class="muted">Waiting for affinity.js…</p>
      ) : (
        <>
          <section>
            <h3>State</h3>
            <dl class="qa-facts">
              <dt>Visitor</dt>
              <dd>
                <code>{embed.sdk.visitorId}</code>
              </dd>
              <dt>Consent</dt>
              <dd>{consent}</dd>
              <dt>Clock</dt>
              <dd class="qa-clock">{offsetDays ? `simulated: ${offsetDays > 0 ? '+' : ''}${offsetDays} days` : 'real time'}</dd>
              <dt>Outbox</dt>
              <dd>
                {sync ? `${sync.pending} pending · ${sync.sent} sent · ${sync.failed} failed` : '—'}
                {sync?.lastError ? <span class="qa-error"> ({sync.lastError})</span> : null}
              </dd>
            </dl>
          </section>
          <section>
            <h3>Personas</h3>
            <div class="qa-personas">
              {PERSONAS.map((p) => (
                <button key={p.id} type="button" class="chip" title={p.expect} disabled={!!running} onClick={() => run(p.id)} data-persona={p.id}>
                  {p.name}
                </button>
              ))}
              <button type="button" class="chip qa-reset" disabled={!!running} onClick={reset}>
                Reset visitor
              </button>
            </div>
            {running ? <p role="status">{running}</p> : null}
            {error ? <p class="qa-error">{error}</p> : null}
          </section>
          <section>
            <h3>Experiments</h3>
            <ExperimentsView experiments={experiments} />
          </section>
          <section>
            <h3>Profile</h3>
            {profile ? <ProfileView profile={profile} segments={segments} /> : <p class="muted">Building…</p>}
          </section>
          <section>
            <h3>Events (newest first)</h3>
            <ol class="qa-log">
              {log.map((e) => (
                <li key={e.id}>
                  <code>{new Date(e.ts).toLocaleTimeString('en-GB')}</code> <strong>{e.type}</strong>{' '}
                  <span class="muted">{e.data.items?.map((i) => i.item_name ?? i.item_id).slice(0, 2).join(', ') ?? e.data.search_term ?? ''}</span>
                </li>
              ))}
            </ol>
          </section>
        </>
      )}
    </aside>
  );
}
