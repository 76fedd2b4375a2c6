import { type ImageUploadItem, Toast } from 'antd-mobile';
import type { Api } from './api';
import { errorText } from './i18n';

/**
 * The upload of antd-mobile's ImageUploader for a photo the server keeps until a form names it
 * (a review's, a ticket's, a leader application's): each photo goes up as it is chosen, a refusal
 * is said at once. A private photo (no thumbUrl) is shown from the chosen file itself.
 */
export const photoUpload =
  (api: Api, path: string) =>
  async (file: File): Promise<ImageUploadItem> => {
    try {
      const stored = await api.upload<{ id: string; thumbUrl?: string }>(path, file);
      return { key: stored.id, url: stored.thumbUrl ?? URL.createObjectURL(file) };
    } catch (err) {
      Toast.show({ content: errorText(err), icon: 'fail' });
      throw err;
    }
  };
