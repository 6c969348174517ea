export declare const MIGRATIONS_DIR: string;
export declare function listMigrations(dir?: string): { name: string; sql: string; checksum: string }[];
export declare function ensureDatabase(url: string): Promise<boolean>;
export declare function deployMigrations(url: string, options?: { dir?: string }): Promise<string[]>;
