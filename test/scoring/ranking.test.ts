import { describe, expect, it } from 'vitest';
import { D, rankParticipants, type RankInput } from '../../src/scoring/index.ts';

const row = (id: string, name: string, score: string | null, status = 'scored', complete = status === 'scored'): RankInput => ({
  id, name, finalScore: score === null ? null : new D(score), complete, status,
});

describe('rankParticipants (docs/scoring.md §7)', () => {
  it('uses standard competition ranking on the rounded score: 1, 2, 2, 4', () => {
    const ranked = rankParticipants([row('d', 'Dinas D', '80'), row('b', 'Dinas B', '85.504'), row('a', 'Dinas A', '90'), row('c', 'Dinas C', '85.495')]);
    expect(ranked.map((r) => [r.id, r.rank])).toEqual([['a', 1], ['b', 2], ['c', 2], ['d', 4]]);
  });

  it('orders a tie by body name in Indonesian collation, then by id', () => {
    const ranked = rankParticipants([
      row('3', 'dinas Kominfo', '70'), row('1', 'Dinas Kesehatan', '70'), row('2', 'Badan Pendapatan', '70'), row('0', 'Dinas Kesehatan', '70'),
    ]);
    expect(ranked.map((r) => [r.id, r.rank])).toEqual([['2', 1], ['0', 1], ['1', 1], ['3', 1]]);
  });

  it('lists provisional and not-submitted participants after the ranked ones, without rank', () => {
    const ranked = rankParticipants([
      row('n', 'Anak Usaha', null, 'not_submitted'),
      row('p', 'Biro Umum', '99', 'provisional'),
      row('s', 'Sekretariat', '10'),
      row('t', 'Tidak Mengisi', '0', 'not_submitted', true),
    ]);
    expect(ranked.map((r) => [r.id, r.rank])).toEqual([['s', 1], ['p', null], ['n', null], ['t', null]]);
  });

  it('keeps every input field', () => {
    const [first] = rankParticipants([{ ...row('x', 'X', '50'), categoryId: 'opd' }]);
    expect(first).toMatchObject({ id: 'x', categoryId: 'opd', rank: 1 });
  });
});
