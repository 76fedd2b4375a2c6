import { useCallback, useState } from 'react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Button, Card, Input, Result } from 'antd-mobile';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../shared/api';
import { errorText } from '../shared/i18n';
import { api, type LeaderOrder } from './api';
import { OrderLines } from './OrdersPage';
import { canScan, Scanner } from './Scanner';
import { PageTitle } from './ui';

/** 核销: the customer shows a pickup code; the leader types or scans it and hands over the goods. */
export function VerifyPage() {
  const { t } = useTranslation();
  const client = useQueryClient();
  const [code, setCode] = useState('');
  const [scanning, setScanning] = useState(false);
  const verify = useMutation({
    mutationFn: (c: string) => api.post<LeaderOrder>('/leader/pickups/verify', { code: c }),
    onSuccess: () => {
      setCode('');
      void client.invalidateQueries({ queryKey: ['leader'] });
    },
  });
  const submit = (c: string) => {
    if (c.trim()) verify.mutate(c.trim());
  };
  const { mutate } = verify;
  const onScanned = useCallback(
    (c: string) => {
      setScanning(false);
      setCode(c);
      mutate(c);
    },
    [mutate],
  );

  // 404 means "no such code here" — the wording the leader needs; everything else (429 …) via errorText.
  const message =
    verify.error instanceof ApiError && verify.error.status === 404
      ? t('verify.notFound')
      : verify.error
        ? errorText(verify.error)
        : null;

  return (
    <>
      <PageTitle>{t('verify.title')}</PageTitle>
      <div className="ll-list">
        <Card className="ll-card">
          <p className="ll-hint">{t('verify.hint')}</p>
          <form
            className="ll-verify-form"
            onSubmit={(e) => {
              e.preventDefault();
              submit(code);
            }}
          >
            <Input
              data-testid="verify-code"
              className="ll-code-input"
              placeholder={t('verify.placeholder')}
              value={code}
              onChange={setCode}
              inputMode="numeric"
              autoComplete="off"
              maxLength={32}
              clearable
              aria-label={t('verify.placeholder')}
            />
            <Button
              type="submit"
              color="primary"
              size="large"
              data-testid="verify-submit"
              loading={verify.isPending}
              disabled={!code.trim()}
            >
              {t('verify.submit')}
            </Button>
          </form>
          {canScan() && !scanning && (
            <Button
              block
              size="large"
              className="ll-scan-btn"
              data-testid="verify-scan"
              onClick={() => {
                verify.reset();
                setScanning(true);
              }}
            >
              {t('verify.scan')}
            </Button>
          )}
          {scanning && <Scanner onCode={onScanned} onClose={() => setScanning(false)} />}
          {message && (
            <p className="ll-error" role="alert" data-testid="verify-error">
              {message}
            </p>
          )}
        </Card>
        {verify.data && (
          <Card className="ll-card" data-testid="verify-result">
            <Result
              status="success"
              title={t('verify.success')}
              description={t('verify.pickedUp', { name: verify.data.customer.name, phone: verify.data.customer.phone })}
            />
            <OrderLines order={verify.data} />
          </Card>
        )}
      </div>
    </>
  );
}
