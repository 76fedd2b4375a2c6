import { useState } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Button, Card, Image, List, Radio, Space, Tag, Toast } from 'antd-mobile';
import { useTranslation } from 'react-i18next';
import type { Answer } from '../shared/api-shapes';
import { errorText } from '../shared/i18n';
import { api } from './api';
import { EmptyState, PageTitle, QueryView } from './ui';

type Course = Answer<'/leader/training/courses'>[number];
type Mark = Answer<'/leader/training/courses/{id}/attempts', 'post'>;

/** 团长培训: the courses, each read and its quiz handed in; passing the required ones is part of getting started. */
export function TrainingPage() {
  const { t } = useTranslation();
  const courses = useQuery({
    queryKey: ['leader', 'training'],
    queryFn: () => api.get<Course[]>('/leader/training/courses'),
  });
  const [open, setOpen] = useState<string | null>(null);
  const course = courses.data?.find((c) => c.id === open);
  return (
    <>
      <PageTitle>{t('training.title')}</PageTitle>
      <QueryView query={courses}>
        {(list) =>
          course ? (
            <CourseView course={course} onBack={() => setOpen(null)} />
          ) : list.length === 0 ? (
            <EmptyState text={t('training.empty')} />
          ) : (
            <List>
              {list.map((c) => (
                <List.Item
                  key={c.id}
                  onClick={() => setOpen(c.id)}
                  data-testid={`course-${c.id}`}
                  description={t('training.passMark', { n: c.passPercent })}
                  extra={
                    c.passedAt ? (
                      <Tag color="success">{t('training.passed')}</Tag>
                    ) : (
                      <Tag color="warning">
                        {c.bestScore === null ? t('training.notYet') : t('training.best', { n: c.bestScore })}
                      </Tag>
                    )
                  }
                >
                  {c.required && <Tag color="primary">{t('training.required')}</Tag>} {c.title}
                </List.Item>
              ))}
            </List>
          )
        }
      </QueryView>
    </>
  );
}

function CourseView({ course, onBack }: { course: Course; onBack: () => void }) {
  const { t } = useTranslation();
  const client = useQueryClient();
  const [answers, setAnswers] = useState<(number | undefined)[]>(course.questions.map(() => undefined));
  const [mark, setMark] = useState<Mark | null>(null);
  const submit = useMutation({
    mutationFn: () => api.post<Mark>(`/leader/training/courses/${course.id}/attempts`, { answers }),
    onSuccess: (m) => {
      setMark(m);
      Toast.show({ icon: m.passed ? 'success' : 'fail', content: m.passed ? t('training.pass') : t('training.fail') });
      void client.invalidateQueries({ queryKey: ['leader'] });
    },
    onError: (err) => Toast.show({ icon: 'fail', content: errorText(err) }),
  });
  const complete = answers.every((a) => a !== undefined);
  return (
    <div className="ll-list" data-testid="course-view">
      <Card className="ll-card" title={course.title}>
        <p style={{ whiteSpace: 'pre-wrap' }}>{course.body}</p>
        {course.images.map((i) => (
          <Image key={i.id} src={i.url} width="100%" style={{ marginTop: 8 }} lazy />
        ))}
      </Card>
      <Card className="ll-card" title={t('training.quiz')}>
        <Space direction="vertical" block>
          {course.questions.map((q, qi) => (
            // biome-ignore lint/suspicious/noArrayIndexKey: a question is its place in the quiz
            <div key={qi} data-testid={`question-${qi}`}>
              <p>
                {qi + 1}. {q.text}
              </p>
              <Radio.Group
                value={answers[qi]}
                onChange={(v) => setAnswers(answers.map((a, j) => (j === qi ? Number(v) : a)))}
              >
                <Space direction="vertical">
                  {q.options.map((o, oi) => (
                    // biome-ignore lint/suspicious/noArrayIndexKey: an option is its place in the question
                    <Radio key={oi} value={oi} data-testid={`question-${qi}-option-${oi}`}>
                      {o}
                    </Radio>
                  ))}
                </Space>
              </Radio.Group>
            </div>
          ))}
        </Space>
        {mark && (
          <p className="ll-gap-top" data-testid="quiz-result" data-passed={mark.passed}>
            {t('training.result', mark)} · {mark.passed ? t('training.pass') : t('training.fail')}
          </p>
        )}
        <Button
          block
          color="primary"
          className="ll-gap-top"
          disabled={!complete}
          loading={submit.isPending}
          onClick={() => submit.mutate()}
          data-testid="quiz-submit"
        >
          {complete ? t('training.submit') : t('training.answerAll')}
        </Button>
      </Card>
      <Button block onClick={onBack}>
        {t('training.back')}
      </Button>
    </div>
  );
}

type Checklist = Answer<'/leader/onboarding'>;

/** The getting-started card on 首页 while something of it is left; gone once everything is done. */
export function OnboardingCard({ onTraining }: { onTraining: () => void }) {
  const { t } = useTranslation();
  const list = useQuery({
    queryKey: ['leader', 'onboarding'],
    queryFn: () => api.get<Checklist>('/leader/onboarding'),
  });
  const c = list.data;
  if (!c || c.done === c.total) return null;
  return (
    <Card
      className="ll-card"
      title={t('onboarding.title')}
      extra={<span className="ll-muted">{t('onboarding.progress', { done: c.done, total: c.total })}</span>}
      data-testid="onboarding"
    >
      <List>
        {c.items.map((i) => (
          <List.Item
            key={i.key}
            data-testid={`onboarding-${i.key}`}
            data-done={i.done}
            prefix={i.done ? '✅' : '⬜'}
            onClick={i.key === 'training' && !i.done ? onTraining : undefined}
            extra={i.key === 'training' && !i.done ? t('onboarding.goTraining') : undefined}
          >
            {t(`onboarding.${i.key}`)}
          </List.Item>
        ))}
      </List>
    </Card>
  );
}
