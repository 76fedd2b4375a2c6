import { useEffect, useRef, useState } from 'react';
import { Button } from 'antd-mobile';
import { useTranslation } from 'react-i18next';
import { codeFromScan } from './rules';

/**
 * QR scanning wherever the browser can open the camera (iPhones, WeChat's browser, Android). The
 * browser's own BarcodeDetector reads the frames where it exists (Chrome on Android); elsewhere
 * jsQR decodes them in JavaScript. jsQR is imported only once scanning starts, so no app's
 * first load carries it.
 */
interface DetectedBarcode {
  rawValue: string;
}
interface BarcodeDetectorLike {
  detect(source: CanvasImageSource): Promise<DetectedBarcode[]>;
}
type BarcodeDetectorCtor = new (options?: { formats?: string[] }) => BarcodeDetectorLike;

/** A camera can be opened here (a secure page with getUserMedia): scanning works, by either decoder. */
export function canScan(): boolean {
  return typeof window !== 'undefined' && !!navigator.mediaDevices?.getUserMedia;
}

/** Reads one video frame; null while there is no QR code in it. */
type FrameReader = (video: HTMLVideoElement) => Promise<string | null>;

/** Frames are scaled down to this width before decoding in JavaScript: enough for a phone-held code, cheap per frame. */
const DECODE_WIDTH = 480;

/** The JavaScript decoder over a canvas the frame is drawn on. Exported for its test. */
export async function jsReader(): Promise<FrameReader> {
  const { default: jsQR } = await import('jsqr');
  const canvas = document.createElement('canvas');
  const ctx = canvas.getContext('2d', { willReadFrequently: true });
  return async (video) => {
    if (!ctx || !video.videoWidth) return null;
    const scale = Math.min(1, DECODE_WIDTH / video.videoWidth);
    canvas.width = Math.round(video.videoWidth * scale);
    canvas.height = Math.round(video.videoHeight * scale);
    ctx.drawImage(video, 0, 0, canvas.width, canvas.height);
    const image = ctx.getImageData(0, 0, canvas.width, canvas.height);
    return jsQR(image.data, image.width, image.height, { inversionAttempts: 'dontInvert' })?.data || null;
  };
}

async function frameReader(): Promise<FrameReader> {
  const Detector = (window as unknown as { BarcodeDetector?: BarcodeDetectorCtor }).BarcodeDetector;
  if (!Detector) return jsReader();
  const detector = new Detector({ formats: ['qr_code'] });
  return async (video) => (await detector.detect(video))[0]?.rawValue || null;
}

export function Scanner({ onCode, onClose }: { onCode: (code: string) => void; onClose: () => void }) {
  const { t } = useTranslation();
  const video = useRef<HTMLVideoElement>(null);
  const [failed, setFailed] = useState(false);

  useEffect(() => {
    let stream: MediaStream | null = null;
    let stopped = false;
    let timer = 0;
    let read: FrameReader | null = null;
    const tick = async () => {
      if (stopped || !video.current || !read) return;
      try {
        const found = await read(video.current);
        if (found && !stopped) return onCode(codeFromScan(found));
      } catch {
        // A frame that is not ready yet: try the next one.
      }
      timer = window.setTimeout(() => void tick(), 250);
    };
    Promise.all([navigator.mediaDevices.getUserMedia({ video: { facingMode: 'environment' } }), frameReader()])
      .then(async ([s, reader]) => {
        stream = s;
        read = reader;
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
        <p className="ll-error" role="alert" data-testid="camera-error">
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
