// Schemas of issue 4: intake forms, requests, SLAs, calendars.
export {};
