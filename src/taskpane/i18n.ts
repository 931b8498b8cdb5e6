/**
 * Task pane strings, French first. English is used when Office's display language is English.
 */
export type Language = "fr" | "en";

const MESSAGES = {
  fr: {
    appTitle: "SPASER pour Excel",
    appSubtitle: "Achats socialement et écologiquement responsables",
    loading: "Chargement du volet…",
    openInExcelTitle: "Ouvrez ce complément dans Excel",
    openInExcelBody:
      "Cette page est le volet du complément SPASER pour Excel. Elle a besoin d'Excel (bureau ou web) pour lire et écrire votre classeur.",
    openInExcelStep1: "Dans Excel, onglet Accueil, cliquez sur «\u00a0Achats responsables\u00a0».",
    openInExcelStep2: "Si le bouton n'apparaît pas, chargez le manifeste du complément (voir le README).",
    openInExcelStep3: "Pour essayer sans Excel, lancez l'atelier : npm run workbench.",
    connectedTitle: "Connecté à Excel",
    connectedBody: "Tapez =SPASER. dans une cellule pour utiliser les fonctions du SPASER.",
    hostLabel: "Application",
  },
  en: {
    appTitle: "SPASER for Excel",
    appSubtitle: "Socially and ecologically responsible purchasing",
    loading: "Loading the pane…",
    openInExcelTitle: "Open this add-in in Excel",
    openInExcelBody:
      "This page is the task pane of the SPASER for Excel add-in. It needs Excel (desktop or web) to read and write your workbook.",
    openInExcelStep1: "In Excel, on the Home tab, click “Responsible purchasing”.",
    openInExcelStep2: "If the button is missing, sideload the add-in's manifest (see the README).",
    openInExcelStep3: "To try it without Excel, start the workbench: npm run workbench.",
    connectedTitle: "Connected to Excel",
    connectedBody: "Type =SPASER. in a cell to use the SPASER functions.",
    hostLabel: "Application",
  },
} as const satisfies Record<Language, Record<string, string>>;

export type MessageKey = keyof (typeof MESSAGES)["fr"];
export type Messages = Readonly<Record<MessageKey, string>>;

export function messagesFor(language: Language): Messages {
  return MESSAGES[language];
}

/** "en-US", "en-GB" → English; anything else (fr-FR, de-DE, empty) → French, the product's first language. */
export function languageFromLocale(locale: string | undefined): Language {
  return locale?.toLowerCase().startsWith("en") ? "en" : "fr";
}
