// Seat assignment (排座) for a theory sitting and the rules of moving a candidate afterwards.
// The draw is reproducible: the same seed, rooms and candidates give the same seats, so the
// seed recorded on the sitting (drawn from the CSPRNG by the service) explains every ticket.
//
// Spread, in order of priority: room capacities are never exceeded; a department's candidates
// are spread over the rooms as evenly as capacity allows; inside a room, two candidates of one
// department do not sit on consecutive seat numbers (the neighbours of a row) where the mix of
// the room allows it.

export type SeatingRoom = { id: string; capacity: number };
export type SeatingCandidate = { id: string; department: string | null };
export type SeatPlacement = { candidateId: string; roomId: string; seat: number };

export type SeatingResult = { ok: true; placements: SeatPlacement[] } | { ok: false; reason: string };

/** A small deterministic PRNG (mulberry32): same seed, same sequence; not for secrets. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function shuffle<T>(xs: readonly T[], rnd: () => number): T[] {
  const a = [...xs];
  for (let i = a.length - 1; i > 0; i--) {
    const j = Math.floor(rnd() * (i + 1));
    [a[i], a[j]] = [a[j], a[i]];
  }
  return a;
}

// Candidates without a department are each their own group: nobody is "of the same department" as them.
const groupKey = (c: SeatingCandidate) => (c.department === null ? `\u0000${c.id}` : c.department);

/**
 * Orders one room's candidates so that neighbours differ in department where possible: each seat
 * takes the largest remaining department that is not the previous seat's (ties by the shuffled order).
 */
function orderWithinRoom(members: SeatingCandidate[]): SeatingCandidate[] {
  const groups = new Map<string, SeatingCandidate[]>();
  for (const m of members) {
    const k = groupKey(m);
    groups.set(k, [...(groups.get(k) ?? []), m]);
  }
  const rank = [...groups.keys()];
  const out: SeatingCandidate[] = [];
  let prev: string | null = null;
  while (out.length < members.length) {
    const open = rank.filter((k) => groups.get(k)!.length > 0);
    const pick = open
      .filter((k) => k !== prev)
      .sort((a, b) => groups.get(b)!.length - groups.get(a)!.length || rank.indexOf(a) - rank.indexOf(b))[0];
    const key = pick ?? open[0];
    out.push(groups.get(key)!.shift()!);
    prev = key;
  }
  return out;
}

/** Assigns every candidate a room and a seat (1…n in each room) from the seed; refuses when seats run short. */
export function assignSeats(rooms: readonly SeatingRoom[], candidates: readonly SeatingCandidate[], seed: number): SeatingResult {
  const capacity = rooms.reduce((n, r) => n + Math.max(0, r.capacity), 0);
  if (rooms.length === 0) return { ok: false, reason: "本场考试还没有考场，请先添加考场。" };
  if (candidates.length > capacity)
    return { ok: false, reason: `考场座位不足：${candidates.length} 名考生，座位只有 ${capacity} 个，请先增加考场或容量。` };
  const rnd = seededRandom(seed);
  // Sorting by id first makes the draw independent of the order the caller read the rows in.
  const shuffled = shuffle(
    [...candidates].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0)),
    rnd,
  );
  const byDept = new Map<string, SeatingCandidate[]>();
  for (const c of shuffled) byDept.set(groupKey(c), [...(byDept.get(groupKey(c)) ?? []), c]);
  // Largest departments first, while every room still has room to take them evenly.
  const depts = [...byDept.values()].sort((a, b) => b.length - a.length);
  const members = rooms.map(() => [] as SeatingCandidate[]);
  const count = rooms.map(() => new Map<string, number>());
  for (const dept of depts) {
    for (const c of dept) {
      const k = groupKey(c);
      let best = -1;
      for (let i = 0; i < rooms.length; i++) {
        if (members[i].length >= rooms[i].capacity) continue;
        if (best < 0) {
          best = i;
          continue;
        }
        // Fewest of this department relative to the room's size, then the emptiest room.
        const mine = (count[i].get(k) ?? 0) / rooms[i].capacity;
        const theirs = (count[best].get(k) ?? 0) / rooms[best].capacity;
        const fillMine = members[i].length / rooms[i].capacity;
        const fillBest = members[best].length / rooms[best].capacity;
        if (mine < theirs || (mine === theirs && fillMine < fillBest)) best = i;
      }
      members[best].push(c);
      count[best].set(k, (count[best].get(k) ?? 0) + 1);
    }
  }
  const placements: SeatPlacement[] = [];
  rooms.forEach((room, i) => {
    // Shuffle again so the order within a room does not follow the departments' sizes.
    orderWithinRoom(shuffle(members[i], rnd)).forEach((c, s) => placements.push({ candidateId: c.id, roomId: room.id, seat: s + 1 }));
  });
  return { ok: true, placements };
}

/** Pairs of consecutive seats in one room held by the same department: what assignSeats keeps low. */
export function sameDepartmentNeighbours(placements: readonly SeatPlacement[], department: ReadonlyMap<string, string | null>): number {
  const byRoom = new Map<string, SeatPlacement[]>();
  for (const p of placements) byRoom.set(p.roomId, [...(byRoom.get(p.roomId) ?? []), p]);
  let n = 0;
  for (const seats of byRoom.values()) {
    const sorted = [...seats].sort((a, b) => a.seat - b.seat);
    for (let i = 1; i < sorted.length; i++) {
      const a = department.get(sorted[i - 1].candidateId) ?? null;
      const b = department.get(sorted[i].candidateId) ?? null;
      if (a !== null && a === b && sorted[i].seat === sorted[i - 1].seat + 1) n++;
    }
  }
  return n;
}

export type SeatRefusal = { ok: false; status: 400 | 409; reason: string };
export type SeatAllowed = { ok: true };

/** Whether the sitting's seats may still change: not once any room has opened (tickets are in use). */
export function canReseat(f: { editable: boolean; startedRooms: string[] }): SeatAllowed | SeatRefusal {
  if (!f.editable) return { ok: false, status: 409, reason: "成绩已发布或已进入评分，座位不能再调整。" };
  if (f.startedRooms.length > 0)
    return { ok: false, status: 409, reason: `${f.startedRooms.join("、")}已开考，座位和准考证号不能再调整。` };
  return { ok: true };
}

/**
 * Moving one candidate to a seat of a room (possibly their own room): the seat must exist in the
 * room, be free, and the room must have a free place for someone coming from elsewhere.
 */
export function canMoveTo(f: {
  roomName: string;
  capacity: number;
  seat: number;
  /** Seats of the target room taken by others (not by the candidate being moved). */
  takenBy: ReadonlyMap<number, string>;
  /** The candidate already sits in the target room (a change of seat, not of room). */
  sameRoom: boolean;
}): SeatAllowed | SeatRefusal {
  if (!Number.isInteger(f.seat) || f.seat < 1 || f.seat > f.capacity)
    return { ok: false, status: 400, reason: `${f.roomName}只有第 1–${f.capacity} 座，没有第 ${f.seat} 座。` };
  const holder = f.takenBy.get(f.seat);
  if (holder)
    return { ok: false, status: 409, reason: `${f.roomName}第 ${f.seat} 座已有考生（${holder}），请换一个座位或改用“互换座位”。` };
  if (!f.sameRoom && f.takenBy.size >= f.capacity)
    return { ok: false, status: 409, reason: `${f.roomName}已满（${f.capacity} 座），不能再调入考生。` };
  return { ok: true };
}

/** The first free seats 1…capacity of a room, for new registrations after seats were moved around. */
export function freeSeats(capacity: number, taken: Iterable<number>, want: number): number[] {
  const used = new Set(taken);
  const out: number[] = [];
  for (let s = 1; s <= capacity && out.length < want; s++) if (!used.has(s)) out.push(s);
  return out;
}
