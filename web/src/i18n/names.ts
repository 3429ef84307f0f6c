/** The name of a category, agency or area in the interface's language (Kazakh when one is missing). */
export function localName(
  item: { name_kk: string; name_ru: string; name_en: string } | undefined,
  language: string,
): string {
  if (!item) return '';
  const name = language === 'ru' ? item.name_ru : language === 'en' ? item.name_en : item.name_kk;
  return name || item.name_kk;
}
