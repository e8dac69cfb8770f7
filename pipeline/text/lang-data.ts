/** Data for the language detector: the language a script means when the document says nothing else. */
export const SCRIPT_DEFAULT_LANG: Record<string, string> = {
  Latin: 'en',
  Cyrillic: 'ru',
  Arabic: 'ar',
  Han: 'zh-Hans',
  Kana: 'ja',
  Hangul: 'ko',
  Greek: 'el',
  Hebrew: 'he',
  Thai: 'th',
  Devanagari: 'hi',
};

/** Very frequent words, enough to tell English from another Latin-script language in a sentence. */
export const FUNCTION_WORDS: Record<string, Set<string>> = {
  en: new Set('the a an of to and is are was be this that it in on for with by from not or as can should must server client request response'.split(' ')),
  de: new Set('der die das den dem des ein eine und ist sind nicht zu mit von für auf im wird werden kann server anfrage'.split(' ')),
  es: new Set('el la los las un una y es son no de del en con por para que se puede servidor solicitud respuesta'.split(' ')),
  fr: new Set('le la les un une et est sont ne pas de du des en avec par pour que qui peut serveur requête réponse'.split(' ')),
  it: new Set('il lo la gli le un una e è sono non di del della in con per che può server richiesta risposta'.split(' ')),
  pt: new Set('o a os as um uma e é são não de do da em com por para que pode servidor solicitação resposta'.split(' ')),
  nl: new Set('de het een en is zijn niet van in met voor dat die kan server verzoek antwoord'.split(' ')),
};
