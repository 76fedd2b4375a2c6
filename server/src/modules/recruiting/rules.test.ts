import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { scoreQuiz } from './rules.js';

describe('scoreQuiz', () => {
  const qs = [{ answer: 0 }, { answer: 2 }, { answer: 1 }];
  it.each([
    [[0, 2, 1], 80, 3, 100, true],
    [[0, 2, 0], 60, 2, 66, true],
    [[0, 2, 0], 67, 2, 66, false],
    [[], 0, 0, 0, true],
    [[1, 1, 0], 1, 0, 0, false],
  ])('answers %o at pass mark %i', (answers, pass, correct, score, passed) => {
    expect(scoreQuiz(qs, answers, pass)).toEqual({ correct, total: 3, score, passed });
  });

  it('never passes below the mark and counts only right answers', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 0, max: 3 }), { minLength: 1, maxLength: 10 }),
        fc.array(fc.integer({ min: -1, max: 4 }), { maxLength: 12 }),
        fc.integer({ min: 0, max: 100 }),
        (keys, answers, pass) => {
          const r = scoreQuiz(
            keys.map((answer) => ({ answer })),
            answers,
            pass,
          );
          const right = keys.filter((k, i) => answers[i] === k).length;
          // passed exactly when right / total reaches the mark (integers: no rounding in the check)
          return (
            r.correct === right &&
            r.passed === right * 100 - ((right * 100) % keys.length) >= pass * keys.length &&
            r.score <= 100
          );
        },
      ),
    );
  });
});
