import type { QuizQuestion } from './schema.js';

/**
 * A quiz's mark, pure (decision 061): the share of questions answered right, as a whole percent
 * rounded down, passed at or above the course's pass mark. An answer missing or out of range is
 * wrong.
 */
export function scoreQuiz(
  questions: Pick<QuizQuestion, 'answer'>[],
  answers: number[],
  passPercent: number,
): { correct: number; total: number; score: number; passed: boolean } {
  const total = questions.length;
  const correct = questions.filter((q, i) => answers[i] === q.answer).length;
  const score = total === 0 ? 100 : Math.floor((correct * 100) / total);
  return { correct, total, score, passed: score >= passPercent };
}
