export declare const TEST_DATABASE_URL: string;
export declare function probeNeeds(): Promise<Record<'postgres' | 'chromium' | 'libreoffice' | 'pg_cluster' | 'strace', string | undefined>>;
