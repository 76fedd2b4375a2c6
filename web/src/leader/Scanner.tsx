import { useEffect, useRef, useState } from 'react';
import { Button } from 'antd-mobile';
import { useTranslation } from 'react-i18next';
import { codeFromScan } from './rules';

/**
 * QR scanning with the browser's own BarcodeDetector (Chrome on Android, recent Safari). Where
 * it or the camera API is missing the scan button is hidden and typing the code still works.
 */
interface DetectedBarcode {
  rawValue: string;
}
interface BarcodeDetectorLike {
  detect(source: CanvasImageSource): Promise<DetectedBarcode[]>;
}
type BarcodeDetectorCtor = new (options?: { formats?: string[] }) => BarcodeDetectorLike;

export function canScan(): boolean {
  return typeof window !== 'undefined' && 'BarcodeDetector' in window && !!navigator.mediaDevices?.getUserMedia;
}

export function Scanner({ onCode, onClose }: { onCode: (code: string) => void; onClose: () => void }) {
  const { t } = useTranslation();
  const video = useRef<HTMLVideoElement>(null);
  const [failed, setFailed] = useState(false);

  useEffect(() => {
    let stream: MediaStream | null = null;
    let stopped = false;
    let timer = 0;
    const Detector = (window as unknown as { BarcodeDetector: BarcodeDetectorCtor }).BarcodeDetector;
    const detector = new Detector({ formats: ['qr_code'] });
    const tick = async () => {
      if (stopped || !video.current) return;
      try {
        const found = await detector.detect(video.current);
        if (found[0]?.rawValue) return onCode(codeFromScan(found[0].rawValue));
      } catch {
        // A frame that is not ready yet: try the next one.
      }
      timer = window.setTimeout(() => void tick(), 250);
    };
    navigator.mediaDevices
      .getUserMedia({ video: { facingMode: 'environment' } })
      .then(async (s) => {
        stream = s;
        if (stopped || !video.current) {
          for (const tr of s.getTracks()) tr.stop();
          return;
        }
        video.current.srcObject = s;
        await video.current.play();
        void tick();
      })
      .catch(() => setFailed(true));
    return () => {
      stopped = true;
      window.clearTimeout(timer);
      for (const tr of stream?.getTracks() ?? []) tr.stop();
    };
  }, [onCode]);

  return (
    <div className="ll-scanner" data-testid="scanner">
      {failed ? (
        <p className="ll-error" role="alert">
          {t('verify.cameraError')}
        </p>
      ) : (
        <>
          <video ref={video} muted playsInline aria-label={t('verify.scanning')} />
          <p className="ll-muted">{t('verify.scanning')}</p>
        </>
      )}
      <Button block onClick={onClose}>
        {t('verify.stopScan')}
      </Button>
    </div>
  );
}
