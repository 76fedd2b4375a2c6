import { sql } from 'drizzle-orm';
import { exec, one, pgArray, rows, type Db } from '../../db/client.js';
import { notFound, validation } from '../../lib/errors.js';
import { processImage } from '../../lib/images.js';
import { type FileStorage, mediaUrl } from '../../lib/storage.js';
import { iso } from '../../lib/time.js';
import { inScope, type RegionScope } from '../../lib/region-scope.js';
import { scoreQuiz } from './rules.js';
import type { QuizQuestion } from './schema.js';

/**
 * Training for leaders (decision 061): courses with text, pictures and a multiple-choice quiz,
 * written in the console; leaders read them and hand in the quiz in the leader app, every attempt
 * kept; the console sees who passed, per course and per leader.
 */

export const MAX_COURSE_IMAGES = 8;

export interface CourseInput {
  title: string;
  body: string;
  questions: QuizQuestion[];
  passPercent: number;
  required: boolean;
  published: boolean;
  imageIds: string[];
}

const imageView = (i: { id: string; display_key: string; thumb_key: string; width: number; height: number }) => ({
  id: i.id,
  url: mediaUrl(i.display_key),
  thumbUrl: mediaUrl(i.thumb_key),
  width: i.width,
  height: i.height,
});

export async function uploadCourseImage(db: Db, storage: FileStorage, bytes: Buffer) {
  const image = await processImage(bytes);
  const displayKey = `training/${image.display.hash}-${image.display.width}.webp`;
  const thumbKey = `training/${image.thumb.hash}-${image.thumb.width}.webp`;
  await storage.put(displayKey, image.display.bytes, 'image/webp');
  await storage.put(thumbKey, image.thumb.bytes, 'image/webp');
  const row = await one<{ id: string; display_key: string; thumb_key: string; width: number; height: number }>(
    db,
    sql`insert into training_images (display_key, thumb_key, width, height)
      values (${displayKey}, ${thumbKey}, ${image.display.width}, ${image.display.height})
      returning id, display_key, thumb_key, width, height`,
  );
  return imageView(row!);
}

function checkQuestions(questions: QuizQuestion[]) {
  questions.forEach((q, i) => {
    if (q.answer >= q.options.length)
      throw validation('The right answer must be one of the options', { field: `questions.${i}.answer` });
  });
}

async function attachImages(tx: Db, courseId: string, imageIds: string[]) {
  await exec(tx, sql`update training_images set course_id = null where course_id = ${courseId}`);
  if (!imageIds.length) return;
  const attached = await rows<{ id: string }>(
    tx,
    sql`update training_images im set course_id = ${courseId}, position = k.position
    from unnest(${pgArray(imageIds)}::uuid[]) with ordinality as k(id, position)
    where im.id = k.id and im.course_id is null returning im.id`,
  );
  if (attached.length !== new Set(imageIds).size)
    throw validation('A picture is unknown or on another course', { field: 'imageIds' });
}

export async function saveCourse(db: Db, id: string | null, input: CourseInput) {
  checkQuestions(input.questions);
  const courseId = await db.transaction(async (raw) => {
    const tx = raw as unknown as Db;
    const q = JSON.stringify(input.questions);
    const row = id
      ? await one<{ id: string }>(
          tx,
          sql`update training_courses set title = ${input.title}, body = ${input.body}, questions = ${q}::jsonb,
          pass_percent = ${input.passPercent}, required = ${input.required}, published = ${input.published}, updated_at = now()
          where id = ${id} returning id`,
        )
      : await one<{ id: string }>(
          tx,
          sql`insert into training_courses (title, body, questions, pass_percent, required, published)
          values (${input.title}, ${input.body}, ${q}::jsonb, ${input.passPercent}, ${input.required}, ${input.published})
          returning id`,
        );
    if (!row) throw notFound('Course');
    await attachImages(tx, row.id, [...new Set(input.imageIds)]);
    return row.id;
  });
  return (await listCourses(db, null, courseId))[0];
}

async function imagesOf(db: Db, courseIds: string[]) {
  const found = courseIds.length
    ? await rows<{
        id: string;
        course_id: string;
        display_key: string;
        thumb_key: string;
        width: number;
        height: number;
      }>(
        db,
        sql`select id, course_id, display_key, thumb_key, width, height from training_images
        where course_id = any(${pgArray(courseIds)}::uuid[]) order by course_id, position`,
      )
    : [];
  const by = new Map<string, ReturnType<typeof imageView>[]>();
  for (const i of found) by.set(i.course_id, [...(by.get(i.course_id) ?? []), imageView(i)]);
  return by;
}

interface CourseRow {
  id: string;
  title: string;
  body: string;
  questions: QuizQuestion[];
  pass_percent: number;
  required: boolean;
  published: boolean;
  updated_at: unknown;
  passed: number;
  attempted: number;
}

/** Courses for the console, with how many leaders (of the caller's regions) passed and tried each. */
export async function listCourses(db: Db, scope: RegionScope, onlyId?: string) {
  const inRegion = sql`exists (select 1 from leaders l join pickup_points p on p.id = l.pickup_point_id
    where l.id = t.leader_id and ${inScope(scope, sql`p.region_id`)})`;
  const found = await rows<CourseRow>(
    db,
    sql`select c.id, c.title, c.body, c.questions, c.pass_percent, c.required, c.published, c.updated_at,
      (select count(distinct t.leader_id)::int from training_attempts t where t.course_id = c.id and t.passed and ${inRegion}) as passed,
      (select count(distinct t.leader_id)::int from training_attempts t where t.course_id = c.id and ${inRegion}) as attempted
    from training_courses c ${onlyId ? sql`where c.id = ${onlyId}` : sql``} order by c.created_at, c.id`,
  );
  const images = await imagesOf(
    db,
    found.map((c) => c.id),
  );
  return found.map((c) => ({
    id: c.id,
    title: c.title,
    body: c.body,
    questions: c.questions,
    passPercent: c.pass_percent,
    required: c.required,
    published: c.published,
    images: images.get(c.id) ?? [],
    updatedAt: iso(c.updated_at) ?? '',
    passedLeaders: c.passed,
    attemptedLeaders: c.attempted,
  }));
}

/** A leader's courses: published ones, the quiz without its answers, and their best result so far. */
export async function leaderCourses(db: Db, leaderId: string) {
  const found = await rows<CourseRow & { best: number | null; passed_at: unknown }>(
    db,
    sql`select c.id, c.title, c.body, c.questions, c.pass_percent, c.required, c.published, c.updated_at, 0 as passed, 0 as attempted,
      (select max(t.score) from training_attempts t where t.course_id = c.id and t.leader_id = ${leaderId}) as best,
      (select min(t.created_at) from training_attempts t where t.course_id = c.id and t.leader_id = ${leaderId} and t.passed) as passed_at
    from training_courses c where c.published order by c.required desc, c.created_at, c.id`,
  );
  const images = await imagesOf(
    db,
    found.map((c) => c.id),
  );
  return found.map((c) => ({
    id: c.id,
    title: c.title,
    body: c.body,
    questions: c.questions.map((q) => ({ text: q.text, options: q.options })),
    passPercent: c.pass_percent,
    required: c.required,
    images: images.get(c.id) ?? [],
    bestScore: c.best,
    passedAt: iso(c.passed_at),
  }));
}

/** Hands in a leader's answers to a published course's quiz: marked, kept, answered with the mark. */
export async function takeQuiz(db: Db, leaderId: string, courseId: string, answers: number[]) {
  const course = await one<{ questions: QuizQuestion[]; pass_percent: number }>(
    db,
    sql`select questions, pass_percent from training_courses where id = ${courseId} and published`,
  );
  if (!course) throw notFound('Course');
  if (answers.length !== course.questions.length)
    throw validation('Answer every question', { field: 'answers', questions: course.questions.length });
  const mark = scoreQuiz(course.questions, answers, course.pass_percent);
  await exec(
    db,
    sql`insert into training_attempts (course_id, leader_id, answers, correct, total, score, passed)
    values (${courseId}, ${leaderId}, ${JSON.stringify(answers)}::jsonb, ${mark.correct}, ${mark.total}, ${mark.score}, ${mark.passed})`,
  );
  return { ...mark, passPercent: course.pass_percent };
}

export interface TrainingResult {
  courseId: string;
  courseTitle: string;
  leaderId: string;
  leaderName: string;
  pickupPointName: string;
  attempts: number;
  bestScore: number;
  passed: boolean;
  passedAt: string | null;
  lastAt: string;
}

/** Who took which course (of the caller's regions): per course and leader, best score, when first passed. */
export async function trainingResults(
  db: Db,
  scope: RegionScope,
  filter: { courseId?: string; leaderId?: string } = {},
): Promise<TrainingResult[]> {
  const found = await rows<{
    course_id: string;
    title: string;
    leader_id: string;
    leader_name: string;
    point_name: string;
    attempts: number;
    best: number;
    passed: boolean;
    passed_at: unknown;
    last_at: unknown;
  }>(
    db,
    sql`select t.course_id, c.title, t.leader_id, u.name as leader_name, p.name as point_name, count(*)::int as attempts,
      max(t.score)::int as best, bool_or(t.passed) as passed, min(t.created_at) filter (where t.passed) as passed_at,
      max(t.created_at) as last_at
    from training_attempts t join training_courses c on c.id = t.course_id join leaders l on l.id = t.leader_id
      join users u on u.id = l.user_id join pickup_points p on p.id = l.pickup_point_id
    where ${inScope(scope, sql`p.region_id`)}
      ${filter.courseId ? sql`and t.course_id = ${filter.courseId}` : sql``}
      ${filter.leaderId ? sql`and t.leader_id = ${filter.leaderId}` : sql``}
    group by t.course_id, c.title, c.created_at, t.leader_id, u.name, p.name
    order by c.created_at, p.name, u.name limit 5000`,
  );
  return found.map((r) => ({
    courseId: r.course_id,
    courseTitle: r.title,
    leaderId: r.leader_id,
    leaderName: r.leader_name,
    pickupPointName: r.point_name,
    attempts: r.attempts,
    bestScore: r.best,
    passed: r.passed,
    passedAt: iso(r.passed_at),
    lastAt: iso(r.last_at) ?? '',
  }));
}
