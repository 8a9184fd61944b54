/**
 * Which open sign-in does a request with no usable link (no Session, an unknown one, no
 * SECRET_BLOCK) continue? The most plausible flow of the same user and app client: open flows
 * first, then the one active last, then the one created last. With thousands of such requests
 * for one user or one client, looking at every candidate each time is quadratic (80,000 entries
 * that never name a user took 45 s); this index answers in O(log n).
 *
 * Each key (user, user + client, client) keeps a max-heap of snapshots of its flows' rank. A flow
 * is re-filed whenever its rank or keys change (`remember`), and only its newest snapshot counts:
 * older ones are dropped when they reach the top of a heap. So every snapshot is pushed and
 * popped at most once, and a query looks at the few tops of one or two heaps.
 *
 * Most captures link every request by its Session and never ask; so the linker only says which
 * flows `changed`, and they are re-filed when the next question comes (at most once each).
 */

/** What the index needs to know of a flow, as of now. */
export interface CandidateFacts {
  /** USERNAME the flow's requests gave, and Cognito's internal name for the user (USER_ID_FOR_SRP). */
  readonly user: string | null;
  readonly internalUser: string | null;
  readonly clientId: string | null;
  /** Not authenticated yet (open flows are preferred). */
  readonly open: boolean;
  /** When the flow was last active (epoch ms). */
  readonly endedAt: number;
  /** Creation order: ties go to the flow created last. */
  readonly order: number;
}

interface Snapshot<T> {
  candidate: T;
  version: number;
  open: boolean;
  endedAt: number;
  order: number;
}

type Rank = Pick<CandidateFacts, 'open' | 'endedAt' | 'order'>;

/** a outranks b: open first, then active last, then created last. */
function outranks(a: Rank, b: Rank): boolean {
  if (a.open !== b.open) return a.open;
  if (a.endedAt !== b.endedAt) return a.endedAt > b.endedAt;
  return a.order > b.order;
}

class RankHeap<T> {
  private readonly items: Snapshot<T>[] = [];

  get top(): Snapshot<T> | undefined {
    return this.items[0];
  }

  push(item: Snapshot<T>): void {
    const { items } = this;
    let i = items.push(item) - 1;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (!outranks(item, items[parent]!)) break;
      items[i] = items[parent]!;
      i = parent;
    }
    items[i] = item;
  }

  pop(): void {
    const { items } = this;
    const last = items.pop();
    if (last === undefined || items.length === 0) return;
    let i = 0;
    for (;;) {
      const left = 2 * i + 1;
      if (left >= items.length) break;
      const right = left + 1;
      const child = right < items.length && outranks(items[right]!, items[left]!) ? right : left;
      if (!outranks(items[child]!, last)) break;
      items[i] = items[child]!;
      i = child;
    }
    items[i] = last;
  }
}

/** A flow's facts as of its last `remember`, and which snapshot of it is current. */
interface Filed extends CandidateFacts {
  version: number;
}

const userKey = (user: string): string => `u:${user}`;
const userClientKey = (user: string, clientId: string | null): string => `u:${user}\u0000c:${clientId ?? ''}`;
const clientKey = (clientId: string | null): string => `c:${clientId ?? ''}`;

export class CandidateIndex<T> {
  private readonly heaps = new Map<string, RankHeap<T>>();
  private readonly filed = new Map<T, Filed>();
  private readonly dirty = new Set<T>();

  /** `factsOf` tells a flow's facts as they are now; read when a changed flow is re-filed. */
  constructor(private readonly factsOf: (candidate: T) => CandidateFacts) {}

  /** `candidate` is new, or its user, client or rank may have changed. */
  changed(candidate: T): void {
    this.dirty.add(candidate);
  }

  /** Files `candidate` under its user names and client with its rank, as `facts` tell them now. */
  remember(candidate: T, facts: CandidateFacts): void {
    const { user, internalUser, clientId, open, endedAt, order } = facts;
    const last = this.filed.get(candidate);
    if (last && last.user === user && last.internalUser === internalUser && last.clientId === clientId
      && last.open === open && last.endedAt === endedAt) return;
    const version = (last?.version ?? 0) + 1;
    this.filed.set(candidate, { version, ...facts });
    const snapshot: Snapshot<T> = { candidate, version, open, endedAt, order };
    this.push(clientKey(clientId), snapshot);
    for (const name of user === internalUser ? [user] : [user, internalUser]) {
      if (name === null) continue;
      this.push(userKey(name), snapshot);
      this.push(userClientKey(name, clientId), snapshot);
    }
  }

  /**
   * The best flow a request naming `user` (when given) and `clientId` can continue: same user
   * (by USERNAME or internal name) and the same client, or a flow that has not named its client.
   */
  best(user: string | null, clientId: string | undefined): T | undefined {
    for (const candidate of this.dirty) this.remember(candidate, this.factsOf(candidate));
    this.dirty.clear();
    if (user) {
      if (!clientId) return this.bestOf(userKey(user));
      return this.better(this.bestOf(userClientKey(user, clientId)), this.bestOf(userClientKey(user, null)));
    }
    if (!clientId) return undefined;
    return this.better(this.bestOf(clientKey(clientId)), this.bestOf(clientKey(null)));
  }

  private better(a: T | undefined, b: T | undefined): T | undefined {
    if (a === undefined || b === undefined) return a ?? b;
    return outranks(this.filed.get(a)!, this.filed.get(b)!) ? a : b;
  }

  /** The top of a heap after dropping snapshots a later `remember` replaced. */
  private bestOf(key: string): T | undefined {
    const heap = this.heaps.get(key);
    if (!heap) return undefined;
    for (let top = heap.top; top; top = heap.top) {
      if (this.filed.get(top.candidate)?.version === top.version) return top.candidate;
      heap.pop();
    }
    return undefined;
  }

  private push(key: string, snapshot: Snapshot<T>): void {
    let heap = this.heaps.get(key);
    if (!heap) this.heaps.set(key, (heap = new RankHeap<T>()));
    heap.push(snapshot);
  }
}
