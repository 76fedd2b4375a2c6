import { Button, NavBar } from 'antd-mobile';
import { useNavigate, useParams } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import { TicketForm, TicketList, TicketView } from '../shared/tickets';
import { api } from './api';
import { PageTitle } from './ui';

/** What a leader reports to the service desk: delivery problems, missing goods, system faults. */
const CATEGORIES = ['logistics_delay', 'missing_goods', 'system_fault', 'other'] as const;

/** 联系客服: the tickets the leader opened, and a new one. */
export function TicketsPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  return (
    <>
      <PageTitle
        extra={
          <Button size="small" color="primary" onClick={() => navigate('/tickets/new')} data-testid="ticket-new">
            {t('tickets.new')}
          </Button>
        }
      >
        {t('tickets.title')}
      </PageTitle>
      <TicketList api={api} path="/leader/tickets" onOpen={(id) => navigate(`/tickets/${id}`)} />
    </>
  );
}

export function NewTicketPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  return (
    <>
      <NavBar onBack={() => navigate('/tickets')}>{t('tickets.new')}</NavBar>
      <TicketForm
        api={api}
        path="/leader/tickets"
        categories={CATEGORIES}
        onOpened={(id) => navigate(`/tickets/${id}`, { replace: true })}
      />
    </>
  );
}

export function TicketPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const { id = '' } = useParams();
  return (
    <>
      <NavBar onBack={() => navigate('/tickets')}>{t('tickets.title')}</NavBar>
      <TicketView api={api} id={id} />
    </>
  );
}
