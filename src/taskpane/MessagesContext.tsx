import { createContext, useContext } from "react";
import { messagesFor, type Messages } from "./i18n";

const MessagesContext = createContext<Messages>(messagesFor("fr"));

export const MessagesProvider = MessagesContext.Provider;

export function useMessages(): Messages {
  return useContext(MessagesContext);
}
