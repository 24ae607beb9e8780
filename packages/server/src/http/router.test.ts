import { describe, expect, it } from 'vitest';
import { createRouter } from './router';

describe('router', () => {
  const a = () => {};
  const b = () => {};
  const router = createRouter([
    { method: 'GET', path: '/v1/health', handler: a },
    { method: 'DELETE', path: '/v1/visitors/:id', handler: b },
  ]);

  it('matches exact paths and decodes parameters', () => {
    expect(router.match('GET', '/v1/health')).toEqual({ kind: 'found', handler: a, params: {} });
    expect(router.match('DELETE', '/v1/visitors/v%201')).toEqual({ kind: 'found', handler: b, params: { id: 'v 1' } });
  });

  it('tells a wrong method from a missing path', () => {
    expect(router.match('POST', '/v1/health')).toEqual({ kind: 'method-not-allowed', allow: ['GET'] });
    expect(router.match('GET', '/v1/visitors/x')).toEqual({ kind: 'method-not-allowed', allow: ['DELETE'] });
    expect(router.match('DELETE', '/v1/visitors/')).toEqual({ kind: 'not-found' });
    expect(router.match('DELETE', '/v1/visitors/%E0%A4%A')).toEqual({ kind: 'not-found' });
  });
});
