import { createContext } from "react-router";
import type { SessionUser } from "~/platform/session.server";

export type RequestAuth = {
  user: SessionUser | null;
  sessionId: string | null;
  clientAddress: string;
};

/** Filled by the root middleware for every request. */
export const authContext = createContext<RequestAuth>({ user: null, sessionId: null, clientAddress: "unknown" });
