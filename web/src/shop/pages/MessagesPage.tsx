import { List } from 'antd-mobile';
import { useNavigate } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import { api } from '../api';
import type { Answer } from '../../shared/api-shapes';
import { yuan } from '../../shared/money';
import { Screen } from '../components/Screen';
import { usePagedList } from '../../shared/paging';
import { LoadMore, Nothing, Query } from '../components/State';
import { dateTime } from '../format';

type Notification = Answer<'/me/notifications'>[number];

/** 消息: what the server told the customer — paid, arrived at the pickup point, picked up, refunded, an incident's apology. */
export default function MessagesPage() {
  const { t, i18n } = useTranslation();
  const navigate = useNavigate();
  const list = usePagedList<Notification>(api, ['notifications'], '/me/notifications');
  const text = (n: Notification) => {
    const p = n.payload;
    const amount = typeof p.amountFen === 'number' ? yuan(p.amountFen) : '';
    switch (n.kind) {
      case 'paid':
        return t('messages.paid', { amount });
      case 'arrived':
        return t('messages.arrived');
      case 'picked_up':
        return t('messages.pickedUp', { n: p.lines ?? '' });
      case 'refund':
        return t('messages.refund', {
          amount,
          why: t(`reason.${String(p.reason)}`, {
            defaultValue: t(`refundKind.${String(p.refundKind)}`, { defaultValue: '' }),
          }),
        });
      case 'flash_open':
        return t('messages.flashOpen', {
          name: String(p.name ?? ''),
          price: typeof p.priceFen === 'number' ? yuan(p.priceFen) : '',
        });
      case 'ticket_reply':
        return t(p.action === 'resolved' ? 'messages.ticketResolved' : 'messages.ticketReply', {
          number: String(p.number ?? ''),
        });
      case 'leader_application_approved':
        return t('messages.applicationApproved');
      case 'leader_application_rejected':
        return t('messages.applicationRejected', { reason: String(p.reason ?? '') });
      case 'incident': {
        const apology = t('messages.incident', { title: String(p.title ?? ''), message: String(p.message ?? '') });
        return typeof p.couponName === 'string'
          ? `${apology} ${t('messages.incidentCoupon', {
              coupon: p.couponName,
              amount: typeof p.discountFen === 'number' ? yuan(p.discountFen) : '',
            })}`
          : apology;
      }
      case 'leader_message':
        return t('messages.leaderMessage', {
          leader: String(p.leaderName ?? ''),
          point: String(p.pickupPointName ?? ''),
          text: String(p.text ?? ''),
        });
      case 'leader_coupon':
        return t('messages.leaderCoupon', { name: String(p.templateName ?? '') });
      default:
        return t('messages.other');
    }
  };
  return (
    <Screen title={t('messages.title')}>
      <Query q={list.view}>
        {(items) =>
          items.length === 0 ? (
            <Nothing text={t('messages.none')} />
          ) : (
            <List>
              {items.map((n) => {
                const orderId = typeof n.payload.orderId === 'string' ? n.payload.orderId : null;
                // a flash reminder opens its deal
                const dealId = typeof n.payload.campaignItemId === 'string' ? n.payload.campaignItemId : null;
                // a reply of customer service opens its ticket
                const ticketId = typeof n.payload.ticketId === 'string' ? n.payload.ticketId : null;
                return (
                  <List.Item
                    key={n.id}
                    data-testid="message"
                    data-kind={n.kind}
                    description={dateTime(n.createdAt, i18n.language)}
                    onClick={
                      ticketId
                        ? () => navigate(`/me/tickets/${ticketId}`)
                        : orderId
                          ? () => navigate(`/orders/${orderId}`)
                          : dealId
                            ? () => navigate(`/deals/${dealId}`)
                            : // an incident's apology opens the coupons it came with
                              n.kind === 'incident' && typeof n.payload.couponName === 'string'
                              ? () => navigate('/me/coupons')
                              : undefined
                    }
                  >
                    {text(n)}
                  </List.Item>
                );
              })}
              <LoadMore query={list.query} />
            </List>
          )
        }
      </Query>
    </Screen>
  );
}
