import { useEffect, useState } from 'react';

/**
 * A QR code drawn as an SVG by the qrcode package. The package is imported on demand so it is
 * not part of the shop's first load.
 */
export default function Qr({ text, size = 200, label }: { text: string; size?: number; label: string }) {
  const [svg, setSvg] = useState<string | null>(null);
  useEffect(() => {
    let live = true;
    void import('qrcode').then((QR) =>
      QR.toString(text, { type: 'svg', margin: 1, errorCorrectionLevel: 'M' }).then((s) => live && setSvg(s)),
    );
    return () => {
      live = false;
    };
  }, [text]);
  return (
    <div
      className="shop-qr"
      role="img"
      aria-label={label}
      data-testid="qr"
      style={{ width: size, height: size }}
      // biome-ignore lint/security/noDangerouslySetInnerHtml: the SVG comes from the qrcode library, not from user input
      dangerouslySetInnerHTML={svg ? { __html: svg } : undefined}
    />
  );
}
