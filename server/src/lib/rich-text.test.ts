import { describe, expect, it } from 'vitest';
import { richTextIsEmpty, sanitizeRichText } from './rich-text.js';

describe('sanitizeRichText', () => {
  it('keeps the allowed subset and drops every attribute', () => {
    expect(
      sanitizeRichText(
        '<p class="x" onclick="alert(1)">甜<strong style="color:red">脆</strong><em>多汁</em><br/>好吃</p><ul><li>一</li></ul><ol><li>二</li></ol>',
      ),
    ).toBe('<p>甜<strong>脆</strong><em>多汁</em><br>好吃</p><ul><li>一</li></ul><ol><li>二</li></ol>');
  });

  it('drops scripts, styles and other active content with what they hold', () => {
    expect(sanitizeRichText('<p>a<script>alert(1)</script>b</p><style>p{}</style>')).toBe('<p>ab</p>');
    expect(sanitizeRichText('<iframe src="javascript:alert(1)">x</iframe>ok')).toBe('ok');
    expect(sanitizeRichText('<svg><script>alert(1)</script></svg>ok')).toBe('ok');
    expect(sanitizeRichText('<SCRIPT>alert(1)</SCRIPT>ok')).toBe('ok');
  });

  it('removes tags outside the subset but keeps their text', () => {
    expect(sanitizeRichText('<a href="javascript:alert(1)">点我</a> <img src=x onerror=alert(1)><div>块</div>')).toBe(
      '点我 块',
    );
    expect(sanitizeRichText('<b>粗</b><i>斜</i>')).toBe('<strong>粗</strong><em>斜</em>');
  });

  it('escapes angle brackets in text so broken markup cannot become a tag', () => {
    expect(sanitizeRichText('<scr<script>x</script>ipt>alert(1)')).toBe('&lt;script&gt;alert(1)');
    expect(sanitizeRichText('1 < 2 > 0')).toBe('1 &lt; 2 &gt; 0');
    expect(sanitizeRichText('<img src="x" alt=">" onerror=alert(1)>')).toBe('');
    expect(sanitizeRichText('<p title="<script>">x</p>')).toBe('<p>x</p>');
  });

  it('keeps entities and escapes a bare ampersand', () => {
    expect(sanitizeRichText('盐&amp;糖 &lt;b&gt; R&D &#39;')).toBe('盐&amp;糖 &lt;b&gt; R&amp;D &#39;');
  });

  it('drops comments and balances tags', () => {
    expect(sanitizeRichText('<!-- <script>alert(1)</script> -->a')).toBe('a');
    expect(sanitizeRichText('<!-- unterminated <p>x')).toBe('');
    expect(sanitizeRichText('<p><strong>a</p>b</strong>')).toBe('<p><strong>a</strong></p>b');
    expect(sanitizeRichText('<ul><li>a')).toBe('<ul><li>a</li></ul>');
    expect(sanitizeRichText('</p>x')).toBe('x');
  });

  it('is idempotent', () => {
    const inputs = ['<p>a<br>b</p>', 'x < y & z', '<ul><li><em>a</em></li></ul>', '<p><strong>a</p>'];
    for (const input of inputs) {
      const once = sanitizeRichText(input);
      expect(sanitizeRichText(once)).toBe(once);
    }
  });

  it('tells an empty description', () => {
    expect(richTextIsEmpty(sanitizeRichText('<p> </p><script>x</script>'))).toBe(true);
    expect(richTextIsEmpty('<p>a</p>')).toBe(false);
  });
});
