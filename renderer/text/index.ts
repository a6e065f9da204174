/** The window's texts in the language shown; components import `text` from here, never their own literals. */
import { en, type UiText } from './en';

export type { UiText } from './en';

export const text: UiText = en;
