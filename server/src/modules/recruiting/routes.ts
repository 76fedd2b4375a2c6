import { z } from 'zod';
import type { App, AppContext } from '../../context.js';
import { STAFF } from '../../lib/access.js';
import { fileBody, fileBodyRoutes } from '../../lib/file-body.js';
import { MAX_IMAGE_BYTES } from '../../lib/images.js';
import { regionScope } from '../../lib/region-scope.js';
import { errors, id, idParams } from '../../lib/schemas.js';
import { sendXlsx, XLSX } from '../../lib/xlsx-reply.js';
import { trainingWorkbook } from '../exports/workbooks.js';
import { leaderOf } from '../leaders/service.js';
import {
  applicationCities,
  apply,
  approveApplication,
  listApplications,
  myApplications,
  onboardingChecklist,
  rejectApplication,
  uploadApplicationPhoto,
} from './service.js';
import {
  leaderCourses,
  listCourses,
  MAX_COURSE_IMAGES,
  saveCourse,
  takeQuiz,
  trainingResults,
  uploadCourseImage,
} from './training.js';

const tags = ['recruiting'];
const photo = z.object({
  id: z.string(),
  url: z.string(),
  thumbUrl: z.string(),
  width: z.number().int(),
  height: z.number().int(),
});
const status = z.enum(['pending', 'approved', 'rejected']);
const application = z.object({
  id: z.string(),
  userId: z.string(),
  name: z.string(),
  phone: z.string(),
  regionId: z.string(),
  regionName: z.string(),
  address: z.string(),
  placeKind: z.enum(['shop', 'home']).describe('门店 (a shop) or 住宅 (a home)'),
  experience: z.string(),
  photo: photo.nullable(),
  status,
  rejectReason: z.string().nullable(),
  pickupPointId: z.string().nullable(),
  pickupPointName: z.string().nullable(),
  leaderId: z.string().nullable(),
  planId: z.string().nullable(),
  planName: z.string().nullable(),
  decidedAt: z.string().nullable(),
  createdAt: z.string(),
});
const question = z.object({
  text: z.string().trim().min(1).max(300),
  options: z.array(z.string().trim().min(1).max(200)).min(2).max(6),
  answer: z.number().int().min(0).max(5),
});
const courseBody = z.object({
  title: z.string().trim().min(1).max(80),
  body: z.string().trim().min(1).max(20_000),
  questions: z.array(question).min(1).max(20),
  passPercent: z.number().int().min(0).max(100),
  required: z.boolean().default(true),
  published: z.boolean().default(true),
  imageIds: z.array(id).max(MAX_COURSE_IMAGES).default([]),
});
const courseView = z.object({
  id: z.string(),
  title: z.string(),
  body: z.string(),
  questions: z.array(question),
  passPercent: z.number().int(),
  required: z.boolean(),
  published: z.boolean(),
  images: z.array(photo),
  updatedAt: z.string(),
  passedLeaders: z.number().int().describe("leaders of the caller's regions who passed"),
  attemptedLeaders: z.number().int(),
});
const resultRow = z.object({
  courseId: z.string(),
  courseTitle: z.string(),
  leaderId: z.string(),
  leaderName: z.string(),
  pickupPointName: z.string(),
  attempts: z.number().int(),
  bestScore: z.number().int(),
  passed: z.boolean(),
  passedAt: z.string().nullable(),
  lastAt: z.string(),
});
const resultQuery = z.object({ courseId: id.optional(), leaderId: id.optional() });

export function recruitingRoutes(app: App, ctx: AppContext) {
  const me = async (req: Parameters<typeof ctx.auth.require>[0]) =>
    leaderOf(ctx.db, (await ctx.auth.require(req, 'leader')).id);

  fileBodyRoutes(app, MAX_IMAGE_BYTES, (scope) => {
    scope.post(
      '/me/leader-application-photos',
      {
        bodyLimit: MAX_IMAGE_BYTES,
        schema: {
          tags,
          description:
            'Upload a photo of the pickup place for a leader application: the body is the file itself, JPEG, PNG or WebP ' +
            'told from its bytes, at most 5 MB (413 beyond, 400 UNSUPPORTED_IMAGE otherwise). Name its id in the application.',
          response: { 201: photo, ...errors },
        },
      },
      async (req, reply) => {
        const user = await ctx.auth.require(req);
        return reply
          .status(201)
          .send(await uploadApplicationPhoto(ctx.db, ctx.storage, user.id, fileBody(req.body, 'photo')));
      },
    );

    scope.post(
      '/admin/training/images',
      {
        bodyLimit: MAX_IMAGE_BYTES,
        config: { roles: STAFF.network, regions: 'all' },
        schema: {
          tags,
          description: "Upload a picture for a training course (the body is the file itself, as a product's picture).",
          response: { 201: photo, ...errors },
        },
      },
      async (req, reply) => {
        await ctx.auth.require(req);
        return reply.status(201).send(await uploadCourseImage(ctx.db, ctx.storage, fileBody(req.body, 'picture')));
      },
    );
  });

  app.get(
    '/leader-applications/cities',
    {
      schema: {
        tags,
        security: [],
        description: 'The cities one may apply to lead a pickup point in.',
        response: { 200: z.array(z.object({ id: z.string(), name: z.string() })), ...errors },
      },
    },
    async () => applicationCities(ctx.db),
  );

  app.post(
    '/me/leader-applications',
    {
      schema: {
        tags,
        description:
          "Apply to become a leader (申请当团长): the phone is the account's. 409 CONFLICT while an application is being reviewed (details.reason open_application) or when you already lead a point (already_leader).",
        body: z.object({
          name: z.string().trim().min(1).max(40),
          regionId: id,
          address: z.string().trim().min(4).max(200),
          placeKind: z.enum(['shop', 'home']),
          experience: z.string().trim().min(1).max(1000),
          photoId: id,
        }),
        response: { 201: application, ...errors },
      },
    },
    async (req, reply) => {
      const user = await ctx.auth.require(req);
      return reply.status(201).send(await apply(ctx.db, user.id, req.body));
    },
  );

  app.get(
    '/me/leader-applications',
    {
      schema: {
        tags,
        description: "My leader applications, newest first, with their status and a rejection's reason.",
        response: { 200: z.array(application), ...errors },
      },
    },
    async (req) => myApplications(ctx.db, (await ctx.auth.require(req)).id),
  );

  app.get(
    '/admin/leader-applications',
    {
      config: { roles: STAFF.network, regions: 'scoped' },
      schema: {
        tags,
        description:
          'Leader applications of your regions (团长招募), newest first, of one status or all (at most 500).',
        querystring: z.object({ status: status.optional() }),
        response: { 200: z.array(application), ...errors },
      },
    },
    async (req) => {
      const user = await ctx.auth.require(req);
      return listApplications(ctx.db, regionScope(user), req.query.status);
    },
  );

  app.post(
    '/admin/leader-applications/:id/approve',
    {
      config: { roles: STAFF.network, regions: 'scoped' },
      schema: {
        tags,
        description:
          "Approve a pending application: at an existing pickup point of its city without a leader, or a new one (newPoint), on a commission plan (none: the region's flat rate). Appoints the leader and tells the applicant. 409 INVALID_STATE when already decided (simultaneous approvals: one leader), 409 CONFLICT when the point has a leader.",
        params: idParams,
        body: z.object({
          pickupPointId: id.optional(),
          newPoint: z
            .object({
              name: z.string().trim().min(1).max(60),
              address: z.string().trim().min(1).max(200),
              routeId: id,
            })
            .optional(),
          planId: id.nullable().optional(),
        }),
        response: { 200: application, ...errors },
      },
    },
    async (req) => {
      const user = await ctx.auth.require(req);
      const done = await approveApplication(ctx.db, user.id, req.params.id, req.body, regionScope(user));
      ctx.auth.forgetUser(done.userId);
      return done;
    },
  );

  app.post(
    '/admin/leader-applications/:id/reject',
    {
      config: { roles: STAFF.network, regions: 'scoped' },
      schema: {
        tags,
        description:
          'Reject a pending application with a reason the applicant reads; 409 INVALID_STATE when already decided.',
        params: idParams,
        body: z.object({ reason: z.string().trim().min(1).max(300) }),
        response: { 200: application, ...errors },
      },
    },
    async (req) => {
      const user = await ctx.auth.require(req);
      return rejectApplication(ctx.db, user.id, req.params.id, req.body.reason, regionScope(user));
    },
  );

  app.get(
    '/leader/onboarding',
    {
      config: { roles: ['leader'] },
      schema: {
        tags,
        description:
          'My onboarding checklist, from what happened: pickup point, commission plan, required courses passed, first arrival confirmed, first pickup handed over.',
        response: {
          200: z.object({
            items: z.array(
              z.object({
                key: z.enum(['point', 'plan', 'training', 'first_arrival', 'first_pickup']),
                done: z.boolean(),
                at: z.string().nullable(),
              }),
            ),
            done: z.number().int(),
            total: z.number().int(),
          }),
          ...errors,
        },
      },
    },
    async (req) => onboardingChecklist(ctx.db, await me(req)),
  );

  app.get(
    '/admin/training/courses',
    {
      config: { roles: STAFF.network, regions: 'scoped' },
      schema: {
        tags,
        description: 'Training courses with their quiz, and how many leaders of your regions tried and passed each.',
        response: { 200: z.array(courseView), ...errors },
      },
    },
    async (req) => listCourses(ctx.db, regionScope(await ctx.auth.require(req))),
  );

  app.post(
    '/admin/training/courses',
    {
      config: { roles: STAFF.network, regions: 'all' },
      schema: {
        tags,
        description:
          'A new course: text, pictures (uploaded to /admin/training/images), a multiple-choice quiz and its pass mark (percent).',
        body: courseBody,
        response: { 201: courseView, ...errors },
      },
    },
    async (req, reply) => {
      await ctx.auth.require(req);
      return reply.status(201).send(await saveCourse(ctx.db, null, req.body));
    },
  );

  app.put(
    '/admin/training/courses/:id',
    {
      config: { roles: STAFF.network, regions: 'all' },
      schema: {
        tags,
        description: 'Change a course; attempts already made keep their marks.',
        params: idParams,
        body: courseBody,
        response: { 200: courseView, ...errors },
      },
    },
    async (req) => {
      await ctx.auth.require(req);
      return saveCourse(ctx.db, req.params.id, req.body);
    },
  );

  app.get(
    '/admin/training/results',
    {
      config: { roles: STAFF.network, regions: 'scoped' },
      schema: {
        tags,
        description:
          'Who took which course (leaders of your regions): per course and leader, attempts, best score, when first passed.',
        querystring: resultQuery,
        response: { 200: z.array(resultRow), ...errors },
      },
    },
    async (req) => trainingResults(ctx.db, regionScope(await ctx.auth.require(req)), req.query),
  );

  app.get(
    '/admin/training/results.xlsx',
    {
      config: { roles: STAFF.network, regions: 'scoped' },
      schema: {
        tags,
        description: 'The training results as .xlsx.',
        querystring: resultQuery.extend({ lang: z.enum(['zh-CN', 'en']).default('zh-CN') }),
        response: { 200: z.any().describe(`an .xlsx file (${XLSX})`), ...errors },
      },
    },
    async (req, reply) => {
      const user = await ctx.auth.require(req);
      const found = await trainingResults(ctx.db, regionScope(user), req.query);
      const lang = req.query.lang;
      return sendXlsx(reply, await trainingWorkbook(found, lang), lang === 'en' ? 'training.xlsx' : '团长培训.xlsx');
    },
  );

  app.get(
    '/leader/training/courses',
    {
      config: { roles: ['leader'] },
      schema: {
        tags,
        description: 'Courses to take (the quiz without its answers) with my best score and when I passed.',
        response: {
          200: z.array(
            z.object({
              id: z.string(),
              title: z.string(),
              body: z.string(),
              questions: z.array(z.object({ text: z.string(), options: z.array(z.string()) })),
              passPercent: z.number().int(),
              required: z.boolean(),
              images: z.array(photo),
              bestScore: z.number().int().nullable(),
              passedAt: z.string().nullable(),
            }),
          ),
          ...errors,
        },
      },
    },
    async (req) => leaderCourses(ctx.db, (await me(req)).id),
  );

  app.post(
    '/leader/training/courses/:id/attempts',
    {
      config: { roles: ['leader'] },
      schema: {
        tags,
        description:
          "Hand in a course's quiz: an answer (option index) per question, in order; answered with the mark.",
        params: idParams,
        body: z.object({ answers: z.array(z.number().int().min(0).max(5)).min(1).max(20) }),
        response: {
          201: z.object({
            correct: z.number().int(),
            total: z.number().int(),
            score: z.number().int(),
            passed: z.boolean(),
            passPercent: z.number().int(),
          }),
          ...errors,
        },
      },
    },
    async (req, reply) =>
      reply.status(201).send(await takeQuiz(ctx.db, (await me(req)).id, req.params.id, req.body.answers)),
  );
}
