// The server's clock, ticking once a second, for countdowns to time limits.
import { useLive } from '../live/hooks.ts';
import { useClock } from '../panels/use-clock.ts';
import { serverNowMs } from '../cases/server-clock.ts';

export function useServerNow(): number {
  const asOf = useLive((s) => s.asOf);
  const receivedAtMs = useLive((s) => s.receivedAtMs);
  const clientNow = useClock(1000);
  return serverNowMs({ asOf, receivedAtMs }, clientNow);
}
