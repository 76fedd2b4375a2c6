import { useState } from 'react';
import { Button, ImageUploader, type ImageUploadItem, List, Selector, Tag, TextArea, Toast } from 'antd-mobile';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { Api } from './api';
import type { Answer } from './api-shapes';
import { errorText } from './i18n';
import { LoadMore } from './mobile-paging';
import { usePagedList } from './paging';
import { usePrivateImage } from './private-image';
import { StarPicker } from './StarPicker';
import { photoUpload } from './photo-upload';

/**
 * The service desk as the customer's and the leader's apps show it (decision 059): a list of my
 * tickets, a form to open one (with photos), and a ticket with its promised times, its timeline,
 * a reply box, the rating at close and a reopen. Each app wraps these in its own screen.
 */

type Ticket = Answer<'/tickets/{id}'>;
type Summary = Answer<'/me/tickets'>[number];

const MAX_PHOTOS = 6;
const STATUS_COLOURS: Record<string, string> = {
  open: 'primary',
  in_progress: 'primary',
  waiting_customer: 'warning',
  resolved: 'success',
  closed: 'default',
};

const when = (iso: string, lang: string) =>
  new Intl.DateTimeFormat(lang === 'en' ? 'en-GB' : 'zh-CN', {
    month: 'numeric',
    day: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
  }).format(new Date(iso));

export function TicketList({ api, path, onOpen }: { api: Api; path: string; onOpen: (id: string) => void }) {
  const { t, i18n } = useTranslation();
  const list = usePagedList<Summary>(api, ['tickets', path], path);
  if (list.view.isPending) return <div className="ll-state">{t('common.loading')}</div>;
  if (list.view.isError) return <div className="ll-state">{errorText(list.view.error)}</div>;
  const items = list.view.data ?? [];
  if (!items.length) return <div className="ll-state">{t('tickets.none')}</div>;
  return (
    <List data-testid="ticket-list">
      {items.map((s) => (
        <List.Item
          key={s.id}
          onClick={() => onOpen(s.id)}
          data-testid="ticket-item"
          description={`${s.number} · ${when(s.createdAt, i18n.language)}`}
          extra={
            <Tag color={STATUS_COLOURS[s.status]} data-testid="ticket-item-status">
              {t(`tickets.status_${s.status}`)}
            </Tag>
          }
        >
          {t(`tickets.category_${s.category}`)} · {s.text.slice(0, 30)}
        </List.Item>
      ))}
      <LoadMore query={list.query} />
    </List>
  );
}

export function TicketForm({
  api,
  path,
  categories,
  orderId,
  onOpened,
}: {
  api: Api;
  /** where the ticket is opened: /tickets for a customer, /leader/tickets for a leader */
  path: string;
  categories: readonly string[];
  orderId?: string;
  onOpened: (id: string) => void;
}) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [category, setCategory] = useState(categories[0]);
  const [text, setText] = useState('');
  const [photos, setPhotos] = useState<ImageUploadItem[]>([]);
  const [busy, setBusy] = useState(false);
  const upload = photoUpload(api, '/me/ticket-photos');
  async function submit() {
    setBusy(true);
    try {
      const opened = await api.post<Ticket>(path, {
        category,
        text: text.trim(),
        orderId,
        photoIds: photos.map((p) => String(p.key)),
      });
      await queryClient.invalidateQueries({ queryKey: ['tickets'] });
      Toast.show({ icon: 'success', content: t('tickets.submitted') });
      onOpened(opened.id);
    } catch (err) {
      Toast.show({ content: errorText(err), icon: 'fail' });
    } finally {
      setBusy(false);
    }
  }
  return (
    <div className="ll-ticket-form" data-testid="ticket-form">
      <h4>{t('tickets.category')}</h4>
      <Selector
        columns={2}
        value={[category]}
        onChange={(v) => v[0] && setCategory(v[0])}
        options={categories.map((c) => ({ value: c, label: t(`tickets.category_${c}`) }))}
        data-testid="ticket-category"
      />
      <h4>{t('tickets.text')}</h4>
      <TextArea
        placeholder={t('tickets.placeholder')}
        value={text}
        onChange={setText}
        maxLength={2000}
        rows={4}
        showCount
        data-testid="ticket-text"
      />
      <ImageUploader
        value={photos}
        onChange={setPhotos}
        upload={upload}
        maxCount={MAX_PHOTOS}
        accept="image/jpeg,image/png,image/webp"
      />
      <p className="ll-muted">{t('tickets.photosHint', { n: MAX_PHOTOS })}</p>
      <Button
        block
        color="primary"
        size="large"
        loading={busy}
        disabled={!text.trim()}
        onClick={() => void submit()}
        data-testid="ticket-submit"
      >
        {t('tickets.submit')}
      </Button>
    </div>
  );
}

function Photo({ api, url }: { api: Api; url: string }) {
  const src = usePrivateImage(api, url);
  return src ? <img src={src} alt="" width={64} height={64} style={{ objectFit: 'cover', borderRadius: 4 }} /> : null;
}

export function TicketView({ api, id }: { api: Api; id: string }) {
  const { t, i18n } = useTranslation();
  const queryClient = useQueryClient();
  const ticket = useQuery({ queryKey: ['ticket', id], queryFn: () => api.get<Ticket>(`/tickets/${id}`) });
  const [text, setText] = useState('');
  const [rating, setRating] = useState(5);
  const [comment, setComment] = useState('');
  const [busy, setBusy] = useState(false);
  async function act(path: string, body: unknown, done: string) {
    setBusy(true);
    try {
      await api.post(`/tickets/${id}/${path}`, body);
      await queryClient.invalidateQueries({ queryKey: ['ticket', id] });
      await queryClient.invalidateQueries({ queryKey: ['tickets'] });
      setText('');
      Toast.show({ icon: 'success', content: t(done) });
    } catch (err) {
      Toast.show({ content: errorText(err), icon: 'fail' });
    } finally {
      setBusy(false);
    }
  }
  if (ticket.isPending) return <div className="ll-state">{t('common.loading')}</div>;
  if (ticket.isError) return <div className="ll-state">{errorText(ticket.error)}</div>;
  const tk = ticket.data;
  const clockLine = (c: 'firstResponse' | 'plan' | 'close') => {
    const clock = tk.clocks[c];
    const said = clock.metAt
      ? t(`tickets.done_${c}`, { at: when(clock.metAt, i18n.language) })
      : t(`tickets.promise_${c}`, { at: when(clock.dueAt, i18n.language) });
    return (
      <li key={c} data-testid="ticket-promise" className={clock.breached ? 'll-late' : undefined}>
        {said}
        {clock.breached ? t('tickets.late') : ''}
      </li>
    );
  };
  return (
    <div className="ll-ticket" data-testid="ticket-view">
      <List>
        <List.Item
          extra={
            <Tag color={STATUS_COLOURS[tk.status]} data-testid="ticket-status">
              {t(`tickets.status_${tk.status}`)}
            </Tag>
          }
          description={tk.orderNumber ? t('tickets.order', { number: tk.orderNumber }) : tk.number}
        >
          {t(`tickets.category_${tk.category}`)}
        </List.Item>
      </List>
      {tk.status !== 'closed' && tk.status !== 'resolved' && (
        <div className="ll-ticket-promise">
          <strong>{t('tickets.promise')}</strong>
          <ul>{(['firstResponse', 'plan', 'close'] as const).map(clockLine)}</ul>
        </div>
      )}
      <List data-testid="ticket-timeline">
        {tk.events.map((e) => (
          <List.Item key={e.id} data-testid="ticket-event" data-kind={e.kind} description={when(e.at, i18n.language)}>
            <div>
              <strong>
                {t(
                  e.kind === 'opened' && e.actorRole === 'leader'
                    ? 'tickets.event_opened_leader'
                    : `tickets.event_${e.kind}`,
                  {
                    defaultValue: e.kind,
                  },
                )}
              </strong>
            </div>
            {e.body && <div style={{ whiteSpace: 'pre-wrap' }}>{e.body}</div>}
            {e.kind === 'rated' && <div>{'★'.repeat(Number(e.details?.rating ?? 0))}</div>}
            {e.photos.length > 0 && (
              <div style={{ display: 'flex', gap: 4, marginTop: 4 }}>
                {e.photos.map((p) => (
                  <Photo key={p.id} api={api} url={p.thumbUrl} />
                ))}
              </div>
            )}
          </List.Item>
        ))}
      </List>
      {tk.status === 'resolved' && (
        <div className="ll-ticket-form" data-testid="ticket-rate">
          <h4>{t('tickets.rateTitle')}</h4>
          <StarPicker value={rating} onChange={setRating} legend={t('tickets.rateTitle')} testId="ticket-rating" />
          <TextArea
            placeholder={t('tickets.rateComment')}
            value={comment}
            onChange={setComment}
            maxLength={500}
            rows={2}
          />
          <Button
            block
            color="primary"
            loading={busy}
            onClick={() => void act('rate', { rating, comment: comment.trim() || undefined }, 'tickets.rated')}
            data-testid="ticket-rate-submit"
          >
            {t('tickets.rate')}
          </Button>
        </div>
      )}
      {tk.status !== 'closed' && (
        <div className="ll-ticket-form">
          <h4>{t('tickets.reply')}</h4>
          <TextArea
            placeholder={t('tickets.replyPlaceholder')}
            value={text}
            onChange={setText}
            maxLength={2000}
            rows={3}
            data-testid="ticket-reply"
          />
          <Button
            block
            disabled={!text.trim()}
            loading={busy}
            onClick={() => void act('messages', { text: text.trim() }, 'tickets.sent')}
            data-testid="ticket-reply-send"
          >
            {t('tickets.send')}
          </Button>
        </div>
      )}
      {(tk.status === 'resolved' || tk.status === 'closed') && (
        <div className="ll-ticket-form">
          <Button block fill="outline" loading={busy} onClick={() => void act('reopen', {}, 'tickets.reopened')}>
            {t('tickets.reopen')}
          </Button>
        </div>
      )}
    </div>
  );
}
