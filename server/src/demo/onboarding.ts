import sharp from 'sharp';
import { sql } from 'drizzle-orm';
import { exec, one, rows, type Db } from '../db/client.js';
import type { FileStorage } from '../lib/storage.js';
import { assignPlan, createPlan } from '../modules/commission-plans/service.js';
import { apply, approveApplication, rejectApplication, uploadApplicationPhoto } from '../modules/recruiting/service.js';
import { saveCourse, uploadCourseImage } from '../modules/recruiting/training.js';
import { DEMO_ADMIN } from './data.js';

/** a plain picture of a shop front or a shelf: a coloured panel with a lighter band, as a photo stands in */
async function picture(background: string, band: string) {
  return sharp({ create: { width: 640, height: 480, channels: 3, background } })
    .composite([
      {
        input: await sharp({ create: { width: 640, height: 120, channels: 3, background: band } })
          .png()
          .toBuffer(),
        top: 300,
        left: 0,
      },
    ])
    .jpeg()
    .toBuffer();
}

const COURSE = {
  title: '新团长必修：自提点服务规范',
  body:
    '一、到货：货到后当场清点，按品类核对数量，缺货、破损在团长端「到货」里如实登记，系统会自动给顾客退款。\n' +
    '二、存放：冷藏、冷冻商品到货后 30 分钟内放入冰箱/冰柜；生鲜当天提醒顾客来取。\n' +
    '三、核销：顾客出示提货码，扫码或输入后再交货；没有码的按手机后四位查找，核对姓名再交。\n' +
    '四、售后：顾客反映质量问题，先拍照，引导在商城「申请售后」提交，不要私下退钱。\n' +
    '五、佣金：按顾客实付金额和品类比例计算（如生鲜 5%、日用 8%），提货后进入待结算，结算后可提现。',
  questions: [
    { text: '顾客来取货，第一步应该做什么？', options: ['直接把货给他', '核对提货码后再交货', '先收现金'], answer: 1 },
    { text: '冷冻商品到货后多久内要放进冰柜？', options: ['30 分钟内', '当天晚上', '顾客来取时再放'], answer: 0 },
    {
      text: '到货时发现 2 袋青菜压坏了，怎么办？',
      options: ['自己贴钱补给顾客', '在「到货」里登记破损，系统自动退款', '不用管'],
      answer: 1,
    },
    { text: '生鲜类商品的佣金比例（标准方案）是多少？', options: ['5%', '8%', '10%'], answer: 0 },
  ],
  passPercent: 75,
  required: true,
  published: true,
};

/**
 * Leaders from application to onboarding (decision 061) in the demo: two commission plans (标准:
 * 生鲜 5 % / 日用 8 %, and the richer 金牌) on the demo's leaders since yesterday, one required course
 * that most leaders passed (a few after a failed first try), and three applications: one waiting with
 * its photo, one approved at a new pickup point, one rejected with a reason.
 */
export async function demoOnboarding(db: Db, storage: FileStorage) {
  const admin = await one<{ id: string }>(db, sql`select id from users where phone = ${DEMO_ADMIN.phone}`);
  const operatorId = admin!.id;
  const codes = new Set((await rows<{ code: string }>(db, sql`select code from categories`)).map((c) => c.code));
  const pick = (rates: Record<string, number>) =>
    Object.fromEntries(Object.entries(rates).filter(([c]) => codes.has(c)));
  const standard = await createPlan(db, operatorId, {
    name: '标准',
    defaultBps: 600,
    categoryBps: pick({ fresh: 500, daily: 800, snacks: 800 }),
  });
  const gold = await createPlan(db, operatorId, {
    name: '金牌团长',
    defaultBps: 800,
    categoryBps: pick({ fresh: 700, daily: 1000, snacks: 1000, dairy: 900 }),
  });
  // the plans and the leaders' places on them date from yesterday: today's orders are booked by them
  const leaders = await rows<{ id: string }>(
    db,
    sql`select id from leaders where status = 'active' order by created_at, id`,
  );
  const since = new Date(Date.now() - 86_400_000).toISOString();
  for (const [i, l] of leaders.entries()) await assignPlan(db, l.id, i % 4 === 3 ? gold.id : standard.id, null, since);
  await exec(db, sql`update commission_plan_versions set valid_from = ${since}::timestamptz`);

  // the course, with a picture, taken by most leaders over the past days
  const image = await uploadCourseImage(db, storage, await picture('#2a9d8f', '#e9c46a'));
  const course = await saveCourse(db, null, { ...COURSE, imageIds: [image.id] });
  let passed = 0;
  for (const [i, l] of leaders.entries()) {
    if (i % 5 === 4) continue; // one in five has not taken it yet
    const daysAgo = 1 + (i % 6);
    if (i % 3 === 1)
      await exec(
        db,
        sql`insert into training_attempts (course_id, leader_id, answers, correct, total, score, passed, created_at)
        values (${course.id}, ${l.id}, '[1,1,1,1]'::jsonb, 2, 4, 50, false, now() - make_interval(days => ${daysAgo + 1}))`,
      );
    await exec(
      db,
      sql`insert into training_attempts (course_id, leader_id, answers, correct, total, score, passed, created_at)
      values (${course.id}, ${l.id}, '[1,0,1,0]'::jsonb, 4, 4, 100, true, now() - make_interval(days => ${daysAgo}))`,
    );
    passed++;
  }

  // three customers of the default region who applied to lead a point
  const applicants = await rows<{ id: string; region_id: string; name: string }>(
    db,
    sql`select u.id, p.region_id, u.name from users u join pickup_points p on p.id = u.pickup_point_id
    where not exists (select 1 from leaders l where l.user_id = u.id) and u.phone like '1391%'
    order by u.phone limit 3`,
  );
  if (applicants.length < 3) return { plans: 2, leaders: leaders.length, passed, applications: 0 };
  const [waiting, approved, rejected] = applicants;
  const photos = [
    await picture('#e76f51', '#f4a261'),
    await picture('#264653', '#8ab17d'),
    await picture('#6d597a', '#b56576'),
  ];
  const applied = [];
  for (const [i, [who, address, placeKind, experience]] of (
    [
      [
        waiting,
        '滨江区江南大道 518 号 阳光小区 6 幢 1 楼',
        'shop',
        '在小区门口开了 6 年便利店，有冰柜和货架，业主群 300 多人。',
      ],
      [
        approved,
        '西湖区文一西路 99 号 翠苑三区 12 幢',
        'home',
        '退休在家，做过两年水果团购，邻居都认识，家里车库可以放货。',
      ],
      [rejected, '拱墅区莫干山路 1 号 3 单元', 'home', '想试试，平时上班，晚上 8 点后在家。'],
    ] as const
  ).entries()) {
    const photo = await uploadApplicationPhoto(db, storage, who.id, photos[i]);
    applied.push(
      await apply(db, who.id, {
        name: who.name,
        regionId: who.region_id,
        address,
        placeKind,
        experience,
        photoId: photo.id,
      }),
    );
  }
  const route = await one<{ id: string }>(
    db,
    sql`select id from routes where region_id = ${approved.region_id} order by name limit 1`,
  );
  if (route)
    await approveApplication(db, operatorId, applied[1].id, {
      newPoint: { name: '翠苑三区自提点', address: '西湖区文一西路 99 号 翠苑三区 12 幢', routeId: route.id },
      planId: standard.id,
    });
  await rejectApplication(db, operatorId, applied[2].id, '该小区附近 300 米内已有自提点，且白天无人收货');
  return { plans: 2, leaders: leaders.length, passed, applications: applied.length };
}
