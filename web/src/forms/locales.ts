/** Words of the forms' shared parts (web/src/forms). */
export const forms = {
  kk: {
    reload: 'Ағымдағы нұсқаны ашу',
    reloadHint: 'Сіздің енгізгеніңіз сақталмайды: ағымдағы нұсқа ашылады, өзгерісті қайта енгізіңіз.',
  },
  ru: {
    reload: 'Открыть текущую версию',
    reloadHint: 'Ваши изменения не сохранены: откроется текущая версия, внесите изменение снова.',
  },
  en: {
    reload: 'Open the current version',
    reloadHint: 'Your changes are not saved: the current version opens, apply your change again.',
  },
};
