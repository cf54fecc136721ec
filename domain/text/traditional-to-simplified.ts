import { Converter } from 'opencc-js/t2cn';

/**
 * Converts Traditional Chinese, in both its Taiwan and Hong Kong forms, to mainland Simplified.
 *
 * Neither OpenCC preset alone covers both: 'tw' leaves Hong Kong variants such as 衞 unconverted,
 * and 'hk' leaves Taiwan usages such as 著 (for 着) alone. So the Taiwan variants are first folded
 * into OpenCC's standard Traditional, then the Hong Kong preset converts to Simplified. Only
 * characters change, never vocabulary (软体 stays 软体): citizens' wording is evidence.
 *
 * Building the dictionaries takes tens of milliseconds, so it happens on first use, once.
 */
let convert: ((text: string) => string) | undefined;

export function toSimplified(text: string): string {
  if (!convert) {
    const taiwanToStandard = Converter({ from: 'tw', to: 't' });
    const hongKongToSimplified = Converter({ from: 'hk', to: 'cn' });
    convert = (input) => hongKongToSimplified(taiwanToStandard(input));
  }
  return convert(text);
}
