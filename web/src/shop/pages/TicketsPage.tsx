import { Button } from 'antd-mobile';
import { useNavigate, useParams, useSearchParams } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import { TicketForm, TicketList, TicketView } from '../../shared/tickets';
import { api } from '../api';
import { Screen } from '../components/Screen';

/** The categories a customer chooses from (a leader has its own, decision 059). */
const CATEGORIES = [
  'presale',
  'order',
  'quality',
  'description_mismatch',
  'missing_goods',
  'logistics_delay',
  'system_fault',
  'complaint',
  'other',
] as const;

/** 联系客服: my tickets, newest first, and a new one. */
export default function TicketsPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  return (
    <Screen title={t('tickets.mine')}>
      <div className="ll-ticket-form">
        <Button block color="primary" onClick={() => navigate('/me/tickets/new')} data-testid="ticket-new">
          {t('tickets.new')}
        </Button>
      </div>
      <TicketList api={api} path="/me/tickets" onOpen={(id) => navigate(`/me/tickets/${id}`)} />
    </Screen>
  );
}

/** A new ticket, about an order when opened from one (?orderId=). */
export function NewTicketPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const orderId = params.get('orderId') ?? undefined;
  return (
    <Screen title={t('tickets.new')}>
      <TicketForm
        api={api}
        path="/tickets"
        categories={orderId ? CATEGORIES.filter((c) => c !== 'presale') : CATEGORIES}
        orderId={orderId}
        onOpened={(id) => navigate(`/me/tickets/${id}`, { replace: true })}
      />
    </Screen>
  );
}

export function TicketPage() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  return (
    <Screen title={t('tickets.title')} back="/me/tickets">
      <TicketView api={api} id={id} />
    </Screen>
  );
}
