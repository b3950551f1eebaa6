// The window's title names the record a page shows (a contact, a touchpoint, a survey) before its section,
// so many open tabs stay apart. The shell owns the title; a page only says which record it shows.
import { createContext, useContext, useEffect } from "react";

const RecordTitle = createContext<(name: string | undefined) => void>(() => {});
export const RecordTitleProvider = RecordTitle.Provider;

export function useRecordTitle(name: string | undefined): void {
  const set = useContext(RecordTitle);
  useEffect(() => {
    set(name);
    return () => set(undefined);
  }, [name, set]);
}
