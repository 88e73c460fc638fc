/**
 * Where a hover box goes along one axis: just after the pointer when it fits
 * before `room`, else just before the pointer, else as far in as it goes.
 * Charts clip what overflows them, so a box must never cross their edge.
 *
 * @example placeBox(300, 120, 360, 14) // 166: no room after 300, so before it
 */
export function placeBox(at: number, size: number, room: number, gap: number): number {
  if (!Number.isFinite(room) || at + gap + size <= room) return at + gap;
  if (at - gap - size >= 0) return at - gap - size;
  return Math.max(0, room - size);
}
