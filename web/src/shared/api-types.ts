/**
 * The API's shapes, generated from the server's OpenAPI document: do not edit.
 * After changing a route's schema, run `npm run api:types`.
 */

export interface paths {
    "/api/health": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @enum {boolean} */
                            ok: true;
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/auth/options": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** How this server signs people up and in, for the apps to show the right screens */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @description registration needs smsCode, and signing in by SMS code is available */
                            smsVerify: boolean;
                            /** @description a demo server: the SMS code is shown on screen */
                            demo: boolean;
                            /** @description payments go through the simulated provider: no real money moves */
                            simulatedPayments: boolean;
                            /** @description WeChat Pay is on: the apps pay with method "wechatpay" (decision 063) */
                            wechatPay: boolean;
                            /** @description present when WeChat sign-in is configured (decision 065) */
                            wechat?: {
                                /** @description sign in through the 公众号's authorization (H5 shop) */
                                officialAccount: boolean;
                                /** @description sign in with the mini-program's wx.login code */
                                miniProgram: boolean;
                            };
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/auth/sms-code": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Send a 6-digit code by SMS (5 minutes, 5 tries); one a minute per phone, daily caps per phone and address */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        phone: string;
                        /**
                         * @description bind: a WeChat sign-in binding a phone; password: a first password for an account WeChat sign-in made (sent only to a phone with an account)
                         * @enum {string}
                         */
                        purpose: "register" | "login" | "bind" | "password";
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @enum {boolean} */
                            sent: true;
                            retryAfterSeconds: number;
                            /** @description only on a demo server outside production */
                            demoCode?: string;
                        };
                    };
                };
                400: components["responses"]["Error"];
                401: components["responses"]["Error"];
                403: components["responses"]["Error"];
                404: components["responses"]["Error"];
                409: components["responses"]["Error"];
                429: components["responses"]["Error"];
                503: components["responses"]["Error"];
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/auth/login-by-code": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Sign in with a code from POST /auth/sms-code (purpose login) */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        phone: string;
                        smsCode: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            token: string;
                            user: {
                                id: string;
                                phone: string;
                                name: string;
                                roles: string[];
                                /** @description at sign-in: the regions a console user works in (null: every region) */
                                regionIds?: string[] | null;
                            };
                        };
                    };
                };
                400: components["responses"]["Error"];
                401: components["responses"]["Error"];
                403: components["responses"]["Error"];
                404: components["responses"]["Error"];
                409: components["responses"]["Error"];
                429: components["responses"]["Error"];
                503: components["responses"]["Error"];
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/auth/register": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** @description With SMS verification on (GET /auth/options), smsCode from POST /auth/sms-code (purpose register) is required. */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        phone: string;
                        password: string;
                        name: string;
                        inviteCode?: string;
                        /**
                         * Format: uuid
                         * @description the point of the leader's link the customer came by: bound at once (else an invitation binds the inviter's point)
                         */
                        pickupPointId?: string;
                        smsCode?: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            token: string;
                            user: {
                                id: string;
                                phone: string;
                                name: string;
                                roles: string[];
                                /** @description at sign-in: the regions a console user works in (null: every region) */
                                regionIds?: string[] | null;
                            };
                        };
                    };
                };
                400: components["responses"]["Error"];
                401: components["responses"]["Error"];
                403: components["responses"]["Error"];
                404: components["responses"]["Error"];
                409: components["responses"]["Error"];
                429: components["responses"]["Error"];
                503: components["responses"]["Error"];
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/auth/login": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** @description Wrong passwords make the phone (from that address), the phone and the address wait longer and longer: 429 with Retry-After. */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        phone: string;
                        password: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            token: string;
                            user: {
                                id: string;
                                phone: string;
                                name: string;
                                roles: string[];
                                /** @description at sign-in: the regions a console user works in (null: every region) */
                                regionIds?: string[] | null;
                            };
                        };
                    };
                };
                400: components["responses"]["Error"];
                401: components["responses"]["Error"];
                403: components["responses"]["Error"];
                404: components["responses"]["Error"];
                409: components["responses"]["Error"];
                429: components["responses"]["Error"];
                503: components["responses"]["Error"];
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/auth/logout": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @enum {boolean} */
                            ok: true;
                        };
                    };
                };
                400: components["responses"]["Error"];
                401: components["responses"]["Error"];
                403: components["responses"]["Error"];
                404: components["responses"]["Error"];
                409: components["responses"]["Error"];
                429: components["responses"]["Error"];
                503: components["responses"]["Error"];
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/auth/logout-all": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** @description Sign out everywhere: every session of the caller ends, this one included */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @enum {boolean} */
                            ok: true;
                        };
                    };
                };
                400: components["responses"]["Error"];
                401: components["responses"]["Error"];
                403: components["responses"]["Error"];
                404: components["responses"]["Error"];
                409: components["responses"]["Error"];
                429: components["responses"]["Error"];
                503: components["responses"]["Error"];
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/auth/password": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** @description Change the password (the current one is checked: 400 when wrong); an account WeChat sign-in made, which has none (GET /me hasPassword), sets its first one with smsCode from POST /auth/sms-code (purpose password) instead. Every other session of the caller ends */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        oldPassword?: string;
                        smsCode?: string;
                        newPassword: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @enum {boolean} */
                            ok: true;
                        };
                    };
                };
                400: components["responses"]["Error"];
                401: components["responses"]["Error"];
                403: components["responses"]["Error"];
                404: components["responses"]["Error"];
                409: components["responses"]["Error"];
                429: components["responses"]["Error"];
                503: components["responses"]["Error"];
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/me": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            id: string;
                            phone: string;
                            name: string;
                            roles: string[];
                            /** @description at sign-in: the regions a console user works in (null: every region) */
                            regionIds?: string[] | null;
                            pickupPointId: string | null;
                            membership: {
                                plan: string;
                                activeUntil: string;
                            } | null;
                            pointsBalance: number;
                            inviteCode: string;
                            growth: number;
                            /** @enum {string} */
                            tier: "bronze" | "silver" | "gold";
                            /** @description false for an account WeChat sign-in made: it sets a first password by SMS code */
                            hasPassword: boolean;
                        };
                    };
                };
                400: components["responses"]["Error"];
                401: components["responses"]["Error"];
                403: components["responses"]["Error"];
                404: components["responses"]["Error"];
                409: components["responses"]["Error"];
                429: components["responses"]["Error"];
                503: components["responses"]["Error"];
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/me/pickup-point": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        /** @description The customer's pickup point. An account's first point is remembered as what brought it (via: a leader's link, or the chooser, the default). */
        put: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /** Format: uuid */
                        pickupPointId: string;
                        /** @enum {string} */
                        via?: "link" | "chooser";
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @enum {boolean} */
                            ok: true;
                        };
                    };
                };
                400: components["responses"]["Error"];
                401: components["responses"]["Error"];
                403: components["responses"]["Error"];
                404: components["responses"]["Error"];
                409: components["responses"]["Error"];
                429: components["responses"]["Error"];
                503: components["responses"]["Error"];
            };
        };
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/me/points": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** @description My balance and points entries, newest first, a page at a time (the next page: `nextCursor`, also in the X-Next-Cursor header). */
        get: {
            parameters: {
                query?: {
                    /** @description The previous page's X-Next-Cursor header; absent for the first page */
                    cursor?: string;
                    /** @description Rows per page, 50 unless given, at most 200 */
                    limit?: number;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        /** @description The cursor of the next page (pass it as `cursor`); absent on the last page */
                        "X-Next-Cursor"?: string;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            balance: number;
                            entries: {
                                deltaPoints: number;
                                reason: string;
                                createdAt: string;
                            }[];
                            /** @description The cursor of the next page of entries (null on the last page) */
                            nextCursor: string | null;
                        };
                    };
                };
                400: components["responses"]["Error"];
                401: components["responses"]["Error"];
                403: components["responses"]["Error"];
                404: components["responses"]["Error"];
                409: components["responses"]["Error"];
                429: components["responses"]["Error"];
                503: components["responses"]["Error"];
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/me/notifications": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** @description My notifications, newest first, a page at a time (the next page: the X-Next-Cursor header). */
        get: {
            parameters: {
                query?: {
                    /** @description The previous page's X-Next-Cursor header; absent for the first page */
                    cursor?: string;
                    /** @description Rows per page, 50 unless given, at most 200 */
                    limit?: number;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        /** @description The cursor of the next page (pass it as `cursor`); absent on the last page */
                        "X-Next-Cursor"?: string;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            id: string;
                            kind: string;
                            payload: {
                                [key: string]: unknown;
                            };
                            createdAt: string;
                        }[];
                    };
                };
                400: components["responses"]["Error"];
                401: components["responses"]["Error"];
                403: components["responses"]["Error"];
                404: components["responses"]["Error"];
                409: components["responses"]["Error"];
                429: components["responses"]["Error"];
                503: components["responses"]["Error"];
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/admin/users": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** @description Users by phone prefix or part of a name, newest first, a page at a time (the next page: the X-Next-Cursor header). */
        get: {
            parameters: {
                query?: {
                    /** @description The previous page's X-Next-Cursor header; absent for the first page */
                    cursor?: string;
                    /** @description Rows per page, 50 unless given, at most 200 */
                    limit?: number;
                    q?: string;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        /** @description The cursor of the next page (pass it as `cursor`); absent on the last page */
                        "X-Next-Cursor"?: string;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            id: string;
                            phone: string;
                            name: string;
                            roles: string[];
                            /** @description the regions a console user works in; null: every region */
                            regionIds: string[] | null;
                            createdAt: string;
                            disabled: boolean;
                        }[];
                    };
                };
                400: components["responses"]["Error"];
                401: components["responses"]["Error"];
                403: components["responses"]["Error"];
                404: components["responses"]["Error"];
                409: components["responses"]["Error"];
                429: components["responses"]["Error"];
                503: components["responses"]["Error"];
            };
        };
        put?: never;
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        phone: string;
                        password: string;
                        name: string;
                        roles: ("admin" | "leader" | "customer" | "warehouse" | "service_agent" | "service_supervisor" | "buyer" | "operations" | "finance")[];
                    };
                };
            };
            responses: {
                /** @description Default Response */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            id: string;
                            phone: string;
                            name: string;
                            roles: string[];
                            /** @description at sign-in: the regions a console user works in (null: every region) */
                            regionIds?: string[] | null;
                        };
                    };
                };
                400: components["responses"]["Error"];
                401: components["responses"]["Error"];
                403: components["responses"]["Error"];
                404: components["responses"]["Error"];
                409: components["responses"]["Error"];
                429: components["responses"]["Error"];
                503: components["responses"]["Error"];
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/admin/users/{id}/regions": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        /** @description Limit a console user (admin or warehouse) to some regions, or give every region: `regionIds` null. A list must name at least one existing region (400 VALIDATION_FAILED, details.field regionIds). Only an operator of every region may do this (403 REGION_FORBIDDEN); limiting your own account is 409. Applies to the user's next request in every server process. */
        put: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        regionIds: string[] | null;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            id: string;
                            phone: string;
                            name: string;
                            roles: string[];
                            regionIds: string[] | null;
                            disabled: boolean;
                        };
                    };
                };
                400: components["responses"]["Error"];
                401: components["responses"]["Error"];
                403: components["responses"]["Error"];
                404: components["responses"]["Error"];
                409: components["responses"]["Error"];
                429: components["responses"]["Error"];
                503: components["responses"]["Error"];
            };
        };
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/admin/users/{id}/roles": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        /** @description Set a user's roles: the console's staff roles and `customer`. `leader` is not set here (appoint a leader to a pickup point: POST /admin/leaders) and stays when the user is one. Removing `admin` from your own account is 409. Applies to the user's next request in every server process. */
        put: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        roles: ("admin" | "warehouse" | "service_agent" | "service_supervisor" | "buyer" | "operations" | "finance" | "customer")[];
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            id: string;
                            phone: string;
                            name: string;
                            roles: string[];
                            regionIds: string[] | null;
                            disabled: boolean;
                        };
                    };
                };
                400: components["responses"]["Error"];
                401: components["responses"]["Error"];
                403: components["responses"]["Error"];
                404: components["responses"]["Error"];
                409: components["responses"]["Error"];
                429: components["responses"]["Error"];
                503: components["responses"]["Error"];
            };
        };
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/admin/users/{id}/disable": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** @description Disable an account: every session ends at once and signing in answers 403 ACCOUNT_DISABLED; 409 for your own account */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            id: string;
                            phone: string;
                            name: string;
                            roles: string[];
                            /** @description at sign-in: the regions a console user works in (null: every region) */
                            regionIds?: string[] | null;
                            disabled: boolean;
                        };
                    };
                };
                400: components["responses"]["Error"];
                401: components["responses"]["Error"];
                403: components["responses"]["Error"];
                404: components["responses"]["Error"];
                409: components["responses"]["Error"];
                429: components["responses"]["Error"];
                503: components["responses"]["Error"];
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/admin/users/{id}/enable": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** @description Enable a disabled account again (its old sessions stay ended) */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            id: string;
                            phone: string;
                            name: string;
                            roles: string[];
                            /** @description at sign-in: the regions a console user works in (null: every region) */
                            regionIds?: string[] | null;
                            disabled: boolean;
                        };
                    };
                };
                400: components["responses"]["Error"];
                401: components["responses"]["Error"];
                403: components["responses"]["Error"];
                404: components["responses"]["Error"];
                409: components["responses"]["Error"];
                429: components["responses"]["Error"];
                503: components["responses"]["Error"];
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/admin/regions": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** @description The caller's regions (every region for an operator of every region), the default one first, with its warehouses, pickup points and open campaigns counted */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            id: string;
                            name: string;
                            timeZone: string;
                            warehouses: number;
                            pickupPoints: number;
                            openCampaigns: number;
                            cutoffTime: string;
                            pickupFrom: string;
                            pickupUntil: string;
                            membershipPriceFen: number;
                            leaderCommissionBps: number;
                        }[];
                    };
                };
                400: components["responses"]["Error"];
                401: components["responses"]["Error"];
                403: components["responses"]["Error"];
                404: components["responses"]["Error"];
                409: components["responses"]["Error"];
                429: components["responses"]["Error"];
                503: components["responses"]["Error"];
            };
        };
        put?: never;
        /** @description Open a region (a city). timeZone is an IANA name (400 VALIDATION_FAILED otherwise); a name already used is 409 REGION_NAME_TAKEN. Settings: cutoffTime, pickupFrom, pickupUntil as HH:MM on the region's clock (pickupFrom before pickupUntil), membershipPriceFen whole fen ≥ 0, leaderCommissionBps 0–10000; a bad one is 400 VALIDATION_FAILED naming the field. Not given: cutoff 23:00, pickup 08:00–21:00, the membership price LINLI_MEMBERSHIP_PRICE_FEN, commission 1000. */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        name: string;
                        timeZone: string;
                        cutoffTime?: string;
                        pickupFrom?: string;
                        pickupUntil?: string;
                        membershipPriceFen?: number;
                        leaderCommissionBps?: number;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            id: string;
                        };
                    };
                };
                400: components["responses"]["Error"];
                401: components["responses"]["Error"];
                403: components["responses"]["Error"];
                404: components["responses"]["Error"];
                409: components["responses"]["Error"];
                429: components["responses"]["Error"];
                503: components["responses"]["Error"];
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/admin/regions/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        /** @description Rename a region, change its settings or its time zone; the time zone only while it has no open campaign (409 INVALID_STATE otherwise). Settings: cutoffTime, pickupFrom, pickupUntil as HH:MM on the region's clock (pickupFrom before pickupUntil), membershipPriceFen whole fen ≥ 0, leaderCommissionBps 0–10000; a bad one is 400 VALIDATION_FAILED naming the field. They apply from now on (campaigns keep their cutoff, leaders their rate). */
        patch: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        name?: string;
                        timeZone?: string;
                        cutoffTime?: string;
                        pickupFrom?: string;
                        pickupUntil?: string;
                        membershipPriceFen?: number;
                        leaderCommissionBps?: number;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            id: string;
                            name: string;
                            timeZone: string;
                            warehouses: number;
                            pickupPoints: number;
                            openCampaigns: number;
                            cutoffTime: string;
                            pickupFrom: string;
                            pickupUntil: string;
                            membershipPriceFen: number;
                            leaderCommissionBps: number;
                        };
                    };
                };
                400: components["responses"]["Error"];
                401: components["responses"]["Error"];
                403: components["responses"]["Error"];
                404: components["responses"]["Error"];
                409: components["responses"]["Error"];
                429: components["responses"]["Error"];
                503: components["responses"]["Error"];
            };
        };
        trace?: never;
    };
    "/api/v1/admin/warehouses": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** @description regionId: a central warehouse's region (default: the default region); a grid warehouse is in its parent's region. A region the caller does not work in is 403 REGION_FORBIDDEN (field regionId); a parent of another region is 404. */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        name: string;
                        /** @enum {string} */
                        kind: "central" | "grid";
                        /** Format: uuid */
                        parentId?: string;
                        /** Format: uuid */
                        regionId?: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            id: string;
                        };
                    };
                };
                400: components["responses"]["Error"];
                401: components["responses"]["Error"];
                403: components["responses"]["Error"];
                404: components["responses"]["Error"];
                409: components["responses"]["Error"];
                429: components["responses"]["Error"];
                503: components["responses"]["Error"];
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/admin/routes": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        name: string;
                        /** Format: uuid */
                        warehouseId: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            id: string;
                        };
                    };
                };
                400: components["responses"]["Error"];
                401: components["responses"]["Error"];
                403: components["responses"]["Error"];
                404: components["responses"]["Error"];
                409: components["responses"]["Error"];
                429: components["responses"]["Error"];
                503: components["responses"]["Error"];
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/admin/pickup-points": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        name: string;
                        address: string;
                        /** Format: uuid */
                        routeId: string;
                        lat?: number;
                        lng?: number;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            id: string;
                        };
                    };
                };
                400: components["responses"]["Error"];
                401: components["responses"]["Error"];
                403: components["responses"]["Error"];
                404: components["responses"]["Error"];
                409: components["responses"]["Error"];
                429: components["responses"]["Error"];
                503: components["responses"]["Error"];
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/admin/warehouses/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        /** @description Rename a warehouse (kind and parent stay fixed) */
        patch: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        name: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            id: string;
                            name: string;
                            kind: string;
                            parentId: string | null;
                        };
                    };
                };
                400: components["responses"]["Error"];
                401: components["responses"]["Error"];
                403: components["responses"]["Error"];
                404: components["responses"]["Error"];
                409: components["responses"]["Error"];
                429: components["responses"]["Error"];
                503: components["responses"]["Error"];
            };
        };
        trace?: never;
    };
    "/api/v1/admin/routes/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        /** @description Rename a route or move it to another warehouse */
        patch: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        name?: string;
                        /** Format: uuid */
                        warehouseId?: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            id: string;
                            name: string;
                            warehouseId: string;
                        };
                    };
                };
                400: components["responses"]["Error"];
                401: components["responses"]["Error"];
                403: components["responses"]["Error"];
                404: components["responses"]["Error"];
                409: components["responses"]["Error"];
                429: components["responses"]["Error"];
                503: components["responses"]["Error"];
            };
        };
        trace?: never;
    };
    "/api/v1/admin/pickup-points/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        /** @description Edit a pickup point; lat/lng null clears the location */
        patch: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        name?: string;
                        address?: string;
                        /** Format: uuid */
                        routeId?: string;
                        lat?: number | null;
                        lng?: number | null;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            id: string;
                            name: string;
                            address: string;
                            routeId: string;
                            lat: number | null;
                            lng: number | null;
                            leaderName: string | null;
                            distanceM?: number;
                        };
                    };
                };
                400: components["responses"]["Error"];
                401: components["responses"]["Error"];
                403: components["responses"]["Error"];
                404: components["responses"]["Error"];
                409: components["responses"]["Error"];
                429: components["responses"]["Error"];
                503: components["responses"]["Error"];
            };
        };
        trace?: never;
    };
    "/api/v1/admin/network": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            warehouses: {
                                id: string;
                                name: string;
                                kind: string;
                                parentId: string | null;
                                regionId: string;
                            }[];
                            routes: {
                                id: string;
                                name: string;
                                warehouseId: string;
                            }[];
                        };
                    };
                };
                400: components["responses"]["Error"];
                401: components["responses"]["Error"];
                403: components["responses"]["Error"];
                404: components["responses"]["Error"];
                409: components["responses"]["Error"];
                429: components["responses"]["Error"];
                503: components["responses"]["Error"];
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/pickup-points": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: {
            parameters: {
                query?: {
                    q?: string;
                    lat?: number;
                    lng?: number;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            id: string;
                            name: string;
                            address: string;
                            routeId: string;
                            lat: number | null;
                            lng: number | null;
                            leaderName: string | null;
                            distanceM?: number;
                        }[];
                    };
                };
                400: components["responses"]["Error"];
                401: components["responses"]["Error"];
                403: components["responses"]["Error"];
                404: components["responses"]["Error"];
                409: components["responses"]["Error"];
                429: components["responses"]["Error"];
                503: components["responses"]["Error"];
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/admin/suppliers/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** @description A supplier with its standing today (qualified, usable) and its documents, newest first */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            id: string;
                            name: string;
                            status: string;
                            requiredDocuments: string[];
                            missingDocuments: string[];
                            qualified: boolean;
                            usable: boolean;
                            documents: {
                                id: string;
                                supplierId: string;
                                /** @description business_licence (营业执照), food_licence (食品经营许可证), other */
                                kind: string;
                                number: string;
                                /** @description the last valid day; null: no expiry */
                                expiresOn: string | null;
                                daysLeft: number | null;
                                /** @description valid, expiring (within 30 days), expired, no_expiry */
                                expiry: string;
                                contentType: string;
                                sizeBytes: number;
                                fileName: string | null;
                                /** @description pending, approved, rejected */
                                reviewStatus: string;
                                reviewReason: string | null;
                                reviewedAt: string | null;
                                createdAt: string;
                                /** @description the console route serving the file (operators only) */
                                fileUrl: string;
                            }[];
                        };
                    };
                };
                400: components["responses"]["Error"];
                401: components["responses"]["Error"];
                403: components["responses"]["Error"];
                404: components["responses"]["Error"];
                409: components["responses"]["Error"];
                429: components["responses"]["Error"];
                503: components["responses"]["Error"];
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        /** @description Rename a supplier, suspend / reactivate it, or set the documents it must hold. A suspended or unqualified supplier gets no purchase orders and its products cannot join campaigns (unless a usable backup supplier takes them). */
        patch: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        name?: string;
                        /** @enum {string} */
                        status?: "active" | "suspended";
                        /** @description document kinds that must be approved and unexpired for the supplier to be qualified */
                        requiredDocuments?: ("business_licence" | "food_licence" | "other")[];
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            id: string;
                            name: string;
                            status: string;
                            requiredDocuments: string[];
                            missingDocuments: string[];
                            qualified: boolean;
                            usable: boolean;
                        };
                    };
                };
                400: components["responses"]["Error"];
                401: components["responses"]["Error"];
                403: components["responses"]["Error"];
                404: components["responses"]["Error"];
                409: components["responses"]["Error"];
                429: components["responses"]["Error"];
                503: components["responses"]["Error"];
            };
        };
        trace?: never;
    };
    "/api/v1/admin/suppliers/{id}/documents/{documentId}/review": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** @description Approve a document, or reject it with a reason */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                    documentId: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /** @enum {string} */
                        decision: "approved" | "rejected";
                        reason?: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            id: string;
                            supplierId: string;
                            /** @description business_licence (营业执照), food_licence (食品经营许可证), other */
                            kind: string;
                            number: string;
                            /** @description the last valid day; null: no expiry */
                            expiresOn: string | null;
                            daysLeft: number | null;
                            /** @description valid, expiring (within 30 days), expired, no_expiry */
                            expiry: string;
                            contentType: string;
                            sizeBytes: number;
                            fileName: string | null;
                            /** @description pending, approved, rejected */
                            reviewStatus: string;
                            reviewReason: string | null;
                            reviewedAt: string | null;
                            createdAt: string;
                            /** @description the console route serving the file (operators only) */
                            fileUrl: string;
                        };
                    };
                };
                400: components["responses"]["Error"];
                401: components["responses"]["Error"];
                403: components["responses"]["Error"];
                404: components["responses"]["Error"];
                409: components["responses"]["Error"];
                429: components["responses"]["Error"];
                503: components["responses"]["Error"];
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/admin/suppliers/{id}/documents/{documentId}/file": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** @description A document's file, for operators only (never cached by shared caches) */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                    documentId: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description the file: application/pdf, image/jpeg or image/png */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": unknown;
                    };
                };
                400: components["responses"]["Error"];
                401: components["responses"]["Error"];
                403: components["responses"]["Error"];
                404: components["responses"]["Error"];
                409: components["responses"]["Error"];
                429: components["responses"]["Error"];
                503: components["responses"]["Error"];
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/admin/suppliers": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            id: string;
                            name: string;
                            status: string;
                            requiredDocuments: string[];
                            missingDocuments: string[];
                            qualified: boolean;
                            usable: boolean;
                        }[];
                    };
                };
                400: components["responses"]["Error"];
                401: components["responses"]["Error"];
                403: components["responses"]["Error"];
                404: components["responses"]["Error"];
                409: components["responses"]["Error"];
                429: components["responses"]["Error"];
                503: components["responses"]["Error"];
            };
        };
        put?: never;
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        name: string;
                        /** @description document kinds that must be approved and unexpired for the supplier to be qualified */
                        requiredDocuments?: ("business_licence" | "food_licence" | "other")[];
                    };
                };
            };
            responses: {
                /** @description Default Response */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            id: string;
                        };
                    };
                };
                400: components["responses"]["Error"];
                401: components["responses"]["Error"];
                403: components["responses"]["Error"];
                404: components["responses"]["Error"];
                409: components["responses"]["Error"];
                429: components["responses"]["Error"];
                503: components["responses"]["Error"];
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/admin/products": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            name: string;
                            category: string;
                            /** Format: uuid */
                            supplierId: string;
                            unit: string;
                            listPriceFen: number;
                            costFen: number;
                            temperatureZone: string;
                            id: string;
                            backupSupplierId: string | null;
                            shelfLifeDays: number | null;
                            minRemainingShelfDays: number | null;
                            packSize: number;
                            description: string | null;
                            origin: string | null;
                            specification: string | null;
                            storage: string | null;
                            nutrition: {
                                energyKj: number;
                                proteinG: number;
                                fatG: number;
                                carbohydrateG: number;
                                sodiumMg: number;
                            } | null;
                            images: {
                                id: string;
                                url: string;
                                width: number;
                                height: number;
                                thumbUrl: string;
                                thumbWidth: number;
                                thumbHeight: number;
                            }[];
                        }[];
                    };
                };
                400: components["responses"]["Error"];
                401: components["responses"]["Error"];
                403: components["responses"]["Error"];
                404: components["responses"]["Error"];
                409: components["responses"]["Error"];
                429: components["responses"]["Error"];
                503: components["responses"]["Error"];
            };
        };
        put?: never;
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        name: string;
                        category: string;
                        /** Format: uuid */
                        supplierId: string;
                        /**
                         * Format: uuid
                         * @description takes the purchase orders while the supplier is suspended or unqualified; another supplier
                         */
                        backupSupplierId?: string;
                        unit: string;
                        listPriceFen: number;
                        costFen: number;
                        /** @enum {string} */
                        temperatureZone: "ambient" | "chilled" | "frozen";
                        shelfLifeDays?: number;
                        /** @description the fewest days of shelf life a delivered lot must have left to be accepted */
                        minRemainingShelfDays?: number;
                        packSize?: number;
                        /** @description rich text: p, br, strong, em, ul, ol, li; anything else is removed */
                        description?: string;
                        /** @description 产地 */
                        origin?: string;
                        /** @description 规格 */
                        specification?: string;
                        /** @description 储存方式 */
                        storage?: string;
                        nutrition?: {
                            energyKj: number;
                            proteinG: number;
                            fatG: number;
                            carbohydrateG: number;
                            sodiumMg: number;
                        };
                    };
                };
            };
            responses: {
                /** @description Default Response */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            id: string;
                        };
                    };
                };
                400: components["responses"]["Error"];
                401: components["responses"]["Error"];
                403: components["responses"]["Error"];
                404: components["responses"]["Error"];
                409: components["responses"]["Error"];
                429: components["responses"]["Error"];
                503: components["responses"]["Error"];
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/admin/products/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        /** @description Edit a product; deals already in campaigns keep their deal prices. null clears shelfLifeDays, description, origin, specification, storage or nutrition. */
        patch: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        name?: string;
                        category?: string;
                        /** Format: uuid */
                        supplierId?: string;
                        /** Format: uuid */
                        backupSupplierId?: string | null;
                        unit?: string;
                        listPriceFen?: number;
                        costFen?: number;
                        /** @enum {string} */
                        temperatureZone?: "ambient" | "chilled" | "frozen";
                        shelfLifeDays?: number | null;
                        minRemainingShelfDays?: number | null;
                        packSize?: number;
                        description?: string | null;
                        origin?: string | null;
                        specification?: string | null;
                        storage?: string | null;
                        nutrition?: {
                            energyKj: number;
                            proteinG: number;
                            fatG: number;
                            carbohydrateG: number;
                            sodiumMg: number;
                        } | null;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            name: string;
                            category: string;
                            /** Format: uuid */
                            supplierId: string;
                            unit: string;
                            listPriceFen: number;
                            costFen: number;
                            temperatureZone: string;
                            id: string;
                            backupSupplierId: string | null;
                            shelfLifeDays: number | null;
                            minRemainingShelfDays: number | null;
                            packSize: number;
                            description: string | null;
                            origin: string | null;
                            specification: string | null;
                            storage: string | null;
                            nutrition: {
                                energyKj: number;
                                proteinG: number;
                                fatG: number;
                                carbohydrateG: number;
                                sodiumMg: number;
                            } | null;
                            images: {
                                id: string;
                                url: string;
                                width: number;
                                height: number;
                                thumbUrl: string;
                                thumbWidth: number;
                                thumbHeight: number;
                            }[];
                        };
                    };
                };
                400: components["responses"]["Error"];
                401: components["responses"]["Error"];
                403: components["responses"]["Error"];
                404: components["responses"]["Error"];
                409: components["responses"]["Error"];
                429: components["responses"]["Error"];
                503: components["responses"]["Error"];
            };
        };
        trace?: never;
    };
    "/api/v1/admin/products/{id}/images/order": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        /** @description Put a product's pictures in order: every picture id once, the first becomes the cover. */
        put: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        imageIds: string[];
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            images: {
                                id: string;
                                url: string;
                                width: number;
                                height: number;
                                thumbUrl: string;
                                thumbWidth: number;
                                thumbHeight: number;
                            }[];
                        };
                    };
                };
                400: components["responses"]["Error"];
                401: components["responses"]["Error"];
                403: components["responses"]["Error"];
                404: components["responses"]["Error"];
                409: components["responses"]["Error"];
                429: components["responses"]["Error"];
                503: components["responses"]["Error"];
            };
        };
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/admin/products/{id}/images/{imageId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        /** @description Remove a picture */
        delete: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                    imageId: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            images: {
                                id: string;
                                url: string;
                                width: number;
                                height: number;
                                thumbUrl: string;
                                thumbWidth: number;
                                thumbHeight: number;
                            }[];
                        };
                    };
                };
                400: components["responses"]["Error"];
                401: components["responses"]["Error"];
                403: components["responses"]["Error"];
                404: components["responses"]["Error"];
                409: components["responses"]["Error"];
                429: components["responses"]["Error"];
                503: components["responses"]["Error"];
            };
        };
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/products/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** @description A product as shoppers see it: details and pictures (first = cover) */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            id: string;
                            name: string;
                            category: string;
                            unit: string;
                            listPriceFen: number;
                            temperatureZone: string;
                            shelfLifeDays: number | null;
                            packSize: number;
                            description: string | null;
                            origin: string | null;
                            specification: string | null;
                            storage: string | null;
                            nutrition: {
                                energyKj: number;
                                proteinG: number;
                                fatG: number;
                                carbohydrateG: number;
                                sodiumMg: number;
                            } | null;
                            images: {
                                id: string;
                                url: string;
                                width: number;
                                height: number;
                                thumbUrl: string;
                                thumbWidth: number;
                                thumbHeight: number;
                            }[];
                        };
                    };
                };
                400: components["responses"]["Error"];
                401: components["responses"]["Error"];
                403: components["responses"]["Error"];
                404: components["responses"]["Error"];
                409: components["responses"]["Error"];
                429: components["responses"]["Error"];
                503: components["responses"]["Error"];
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/admin/categories": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        code: string;
                        nameZh: string;
                        nameEn: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            code: string;
                        };
                    };
                };
                400: components["responses"]["Error"];
                401: components["responses"]["Error"];
                403: components["responses"]["Error"];
                404: components["responses"]["Error"];
                409: components["responses"]["Error"];
                429: components["responses"]["Error"];
                503: components["responses"]["Error"];
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/categories": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            code: string;
                            nameZh: string;
                            nameEn: string;
                        }[];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/admin/leaders": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** @description Every leader with their user and pickup point */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            id: string;
                            userId: string;
                            name: string;
                            phone: string;
                            pickupPointId: string;
                            pickupPointName: string;
                            commissionBps: number;
                            /** @enum {string} */
                            status: "active" | "inactive";
                            createdAt: string;
                            /** @description customers whose first pickup point came from this leader's link */
                            linkedCustomers: number;
                        }[];
                    };
                };
                400: components["responses"]["Error"];
                401: components["responses"]["Error"];
                403: components["responses"]["Error"];
                404: components["responses"]["Error"];
                409: components["responses"]["Error"];
                429: components["responses"]["Error"];
                503: components["responses"]["Error"];
            };
        };
        put?: never;
        /** @description Without commissionBps the leader earns the default rate of the pickup point's region. */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /** Format: uuid */
                        userId: string;
                        /** Format: uuid */
                        pickupPointId: string;
                        commissionBps?: number;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            id: string;
                        };
                    };
                };
                400: components["responses"]["Error"];
                401: components["responses"]["Error"];
                403: components["responses"]["Error"];
                404: components["responses"]["Error"];
                409: components["responses"]["Error"];
                429: components["responses"]["Error"];
                503: components["responses"]["Error"];
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/admin/leaders/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        /** @description Change the commission rate (applies to pickups from now on: commission is computed at pickup) or (de)activate; 409 when reactivating at a point with another active leader */
        patch: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        commissionBps?: number;
                        active?: boolean;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            id: string;
                            userId: string;
                            name: string;
                            phone: string;
                            pickupPointId: string;
                            pickupPointName: string;
                            commissionBps: number;
                            /** @enum {string} */
                            status: "active" | "inactive";
                            createdAt: string;
                            /** @description customers whose first pickup point came from this leader's link */
                            linkedCustomers: number;
                        };
                    };
                };
                400: components["responses"]["Error"];
                401: components["responses"]["Error"];
                403: components["responses"]["Error"];
                404: components["responses"]["Error"];
                409: components["responses"]["Error"];
                429: components["responses"]["Error"];
                503: components["responses"]["Error"];
            };
        };
        trace?: never;
    };
    "/api/v1/leader/arrivals": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** @description Confirm what arrived of a dispatched sorting list; uncovered units are refunded at once. A product is confirmed once (again: 409). */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /** Format: uuid */
                        campaignId: string;
                        lines: {
                            /** Format: uuid */
                            productId: string;
                            receivedQuantity: number;
                            missingQuantity?: number;
                            damagedQuantity?: number;
                        }[];
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            campaignId: string;
                            pickupPointId: string;
                            lines: {
                                productId: string;
                                expectedQuantity: number;
                                receivedQuantity: number;
                                missingQuantity: number;
                                damagedQuantity: number;
                                arrivedLines: number;
                                refundedUnits: number;
                            }[];
                            readyOrders: number;
                            refunds: {
                                count: number;
                                amountFen: number;
                            };
                        };
                    };
                };
                400: components["responses"]["Error"];
                401: components["responses"]["Error"];
                403: components["responses"]["Error"];
                404: components["responses"]["Error"];
                409: components["responses"]["Error"];
                429: components["responses"]["Error"];
                503: components["responses"]["Error"];
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/leader/pickups/verify": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** @description Verify a pickup code at your own point (核销); with lineIds only those lines are handed over (the rest later). 404 for unknown codes (details.reason "other_point" when the code is another point's), 409 INVALID_STATE with details.reason (picked_up with pickedUpAt, not_arrived, cancelled, line_not_waiting), 429 after repeated wrong codes. */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        code: string;
                        lineIds?: string[];
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            id: string;
                            number: string;
                            kind: string;
                            /** @enum {string} */
                            status: "pending_payment" | "paid" | "cancelled" | "closed" | "ready" | "completed";
                            campaignId: string | null;
                            pickupPointId: string | null;
                            lines: {
                                id: string;
                                campaignItemId: string;
                                productId: string;
                                productName: string;
                                unit: string;
                                quantity: number;
                                listPriceFen: number;
                                unitPriceFen: number;
                                memberDiscountFen: number;
                                fullReductionFen: number;
                                couponFen: number;
                                pointsFen: number;
                                discountFen: number;
                                paidFen: number;
                                refundedFen: number;
                                refundQuantity: number;
                                /** @enum {string} */
                                status: "pending" | "allocated" | "short" | "arrived" | "picked_up" | "refunded";
                                pickedUpAt: string | null;
                            }[];
                            subtotalFen: number;
                            memberDiscountFen: number;
                            fullReductionFen: number;
                            couponFen: number;
                            couponId: string | null;
                            pointsUsed: number;
                            pointsFen: number;
                            totalFen: number;
                            refundedFen: number;
                            paidAt: string | null;
                            expiresAt: string;
                            createdAt: string;
                            customer: {
                                name: string;
                                phone: string;
                            };
                            pickupDate?: string;
                            pickupFrom?: string;
                            pickupUntil?: string;
                            leader?: {
                                name: string;
                                phone: string;
                            } | null;
                            pickup?: {
                                id: string;
                                undoUntil: string;
                            };
                        };
                    };
                };
                400: components["responses"]["Error"];
                401: components["responses"]["Error"];
                403: components["responses"]["Error"];
                404: components["responses"]["Error"];
                409: components["responses"]["Error"];
                429: components["responses"]["Error"];
                503: components["responses"]["Error"];
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/leader/pickups/lookup": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** @description The order of a pickup code at your own point, to check its lines before handing over; refusals and throttling as for verify, nothing changes. */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        code: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            id: string;
                            number: string;
                            kind: string;
                            /** @enum {string} */
                            status: "pending_payment" | "paid" | "cancelled" | "closed" | "ready" | "completed";
                            campaignId: string | null;
                            pickupPointId: string | null;
                            lines: {
                                id: string;
                                campaignItemId: string;
                                productId: string;
                                productName: string;
                                unit: string;
                                quantity: number;
                                listPriceFen: number;
                                unitPriceFen: number;
                                memberDiscountFen: number;
                                fullReductionFen: number;
                                couponFen: number;
                                pointsFen: number;
                                discountFen: number;
                                paidFen: number;
                                refundedFen: number;
                                refundQuantity: number;
                                /** @enum {string} */
                                status: "pending" | "allocated" | "short" | "arrived" | "picked_up" | "refunded";
                                pickedUpAt: string | null;
                            }[];
                            subtotalFen: number;
                            memberDiscountFen: number;
                            fullReductionFen: number;
                            couponFen: number;
                            couponId: string | null;
                            pointsUsed: number;
                            pointsFen: number;
                            totalFen: number;
                            refundedFen: number;
                            paidAt: string | null;
                            expiresAt: string;
                            createdAt: string;
                            customer: {
                                name: string;
                                phone: string;
                            };
                            pickupDate?: string;
                            pickupFrom?: string;
                            pickupUntil?: string;
                            leader?: {
                                name: string;
                                phone: string;
                            } | null;
                        };
                    };
                };
                400: components["responses"]["Error"];
                401: components["responses"]["Error"];
                403: components["responses"]["Error"];
                404: components["responses"]["Error"];
                409: components["responses"]["Error"];
                429: components["responses"]["Error"];
                503: components["responses"]["Error"];
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/leader/pickups/search": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** @description Orders at your point by the customer's phone's last four digits or part of their name, newest first (at most 20); phones masked. */
        get: {
            parameters: {
                query: {
                    q: string;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            id: string;
                            number: string;
                            kind: string;
                            /** @enum {string} */
                            status: "pending_payment" | "paid" | "cancelled" | "closed" | "ready" | "completed";
                            campaignId: string | null;
                            pickupPointId: string | null;
                            lines: {
                                id: string;
                                campaignItemId: string;
                                productId: string;
                                productName: string;
                                unit: string;
                                quantity: number;
                                listPriceFen: number;
                                unitPriceFen: number;
                                memberDiscountFen: number;
                                fullReductionFen: number;
                                couponFen: number;
                                pointsFen: number;
                                discountFen: number;
                                paidFen: number;
                                refundedFen: number;
                                refundQuantity: number;
                                /** @enum {string} */
                                status: "pending" | "allocated" | "short" | "arrived" | "picked_up" | "refunded";
                                pickedUpAt: string | null;
                            }[];
                            subtotalFen: number;
                            memberDiscountFen: number;
                            fullReductionFen: number;
                            couponFen: number;
                            couponId: string | null;
                            pointsUsed: number;
                            pointsFen: number;
                            totalFen: number;
                            refundedFen: number;
                            paidAt: string | null;
                            expiresAt: string;
                            createdAt: string;
                            customer: {
                                name: string;
                                phone: string;
                            };
                            pickupDate?: string;
                            pickupFrom?: string;
                            pickupUntil?: string;
                            leader?: {
                                name: string;
                                phone: string;
                            } | null;
                        }[];
                    };
                };
                400: components["responses"]["Error"];
                401: components["responses"]["Error"];
                403: components["responses"]["Error"];
                404: components["responses"]["Error"];
                409: components["responses"]["Error"];
                429: components["responses"]["Error"];
                503: components["responses"]["Error"];
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/leader/orders/{id}/pickup": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** @description Hand over an order of your own point found by the customer (no code); lineIds as for verify. 404 for an order of another point. */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        lineIds?: string[];
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            id: string;
                            number: string;
                            kind: string;
                            /** @enum {string} */
                            status: "pending_payment" | "paid" | "cancelled" | "closed" | "ready" | "completed";
                            campaignId: string | null;
                            pickupPointId: string | null;
                            lines: {
                                id: string;
                                campaignItemId: string;
                                productId: string;
                                productName: string;
                                unit: string;
                                quantity: number;
                                listPriceFen: number;
                                unitPriceFen: number;
                                memberDiscountFen: number;
                                fullReductionFen: number;
                                couponFen: number;
                                pointsFen: number;
                                discountFen: number;
                                paidFen: number;
                                refundedFen: number;
                                refundQuantity: number;
                                /** @enum {string} */
                                status: "pending" | "allocated" | "short" | "arrived" | "picked_up" | "refunded";
                                pickedUpAt: string | null;
                            }[];
                            subtotalFen: number;
                            memberDiscountFen: number;
                            fullReductionFen: number;
                            couponFen: number;
                            couponId: string | null;
                            pointsUsed: number;
                            pointsFen: number;
                            totalFen: number;
                            refundedFen: number;
                            paidAt: string | null;
                            expiresAt: string;
                            createdAt: string;
                            customer: {
                                name: string;
                                phone: string;
                            };
                            pickupDate?: string;
                            pickupFrom?: string;
                            pickupUntil?: string;
                            leader?: {
                                name: string;
                                phone: string;
                            } | null;
                            pickup?: {
                                id: string;
                                undoUntil: string;
                            };
                        };
                    };
                };
                400: components["responses"]["Error"];
                401: components["responses"]["Error"];
                403: components["responses"]["Error"];
                404: components["responses"]["Error"];
                409: components["responses"]["Error"];
                429: components["responses"]["Error"];
                503: components["responses"]["Error"];
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/leader/pickups/{id}/undo": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** @description Undo your point's latest pickup of an order within the configured minutes (default 5): its lines back to arrived, their commission reversed, the order back from completed with its rewards taken back, a referral reward included (points of both sides, the inviter's month count, the unused referral coupons). 409 INVALID_STATE with details.reason undo_expired, undone, undo_changed (the order changed since) or undo_coupon_used (a referral coupon it gave was already used on an order). */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            id: string;
                            number: string;
                            kind: string;
                            /** @enum {string} */
                            status: "pending_payment" | "paid" | "cancelled" | "closed" | "ready" | "completed";
                            campaignId: string | null;
                            pickupPointId: string | null;
                            lines: {
                                id: string;
                                campaignItemId: string;
                                productId: string;
                                productName: string;
                                unit: string;
                                quantity: number;
                                listPriceFen: number;
                                unitPriceFen: number;
                                memberDiscountFen: number;
                                fullReductionFen: number;
                                couponFen: number;
                                pointsFen: number;
                                discountFen: number;
                                paidFen: number;
                                refundedFen: number;
                                refundQuantity: number;
                                /** @enum {string} */
                                status: "pending" | "allocated" | "short" | "arrived" | "picked_up" | "refunded";
                                pickedUpAt: string | null;
                            }[];
                            subtotalFen: number;
                            memberDiscountFen: number;
                            fullReductionFen: number;
                            couponFen: number;
                            couponId: string | null;
                            pointsUsed: number;
                            pointsFen: number;
                            totalFen: number;
                            refundedFen: number;
                            paidAt: string | null;
                            expiresAt: string;
                            createdAt: string;
                            customer: {
                                name: string;
                                phone: string;
                            };
                            pickupDate?: string;
                            pickupFrom?: string;
                            pickupUntil?: string;
                            leader?: {
                                name: string;
                                phone: string;
                            } | null;
                        };
                    };
                };
                400: components["responses"]["Error"];
                401: components["responses"]["Error"];
                403: components["responses"]["Error"];
                404: components["responses"]["Error"];
                409: components["responses"]["Error"];
                429: components["responses"]["Error"];
                503: components["responses"]["Error"];
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/leader/orders": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** @description My point's orders (of a campaign), newest first, a page at a time (next page: X-Next-Cursor). */
        get: {
            parameters: {
                query?: {
                    campaignId?: string;
                    /** @description The previous page's X-Next-Cursor header; absent for the first page */
                    cursor?: string;
                    /** @description Rows per page, 50 unless given, at most 200 */
                    limit?: number;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        /** @description The cursor of the next page (pass it as `cursor`); absent on the last page */
                        "X-Next-Cursor"?: string;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            id: string;
                            number: string;
                            kind: string;
                            /** @enum {string} */
                            status: "pending_payment" | "paid" | "cancelled" | "closed" | "ready" | "completed";
                            campaignId: string | null;
                            pickupPointId: string | null;
                            lines: {
                                id: string;
                                campaignItemId: string;
                                productId: string;
                                productName: string;
                                unit: string;
                                quantity: number;
                                listPriceFen: number;
                                unitPriceFen: number;
                                memberDiscountFen: number;
                                fullReductionFen: number;
                                couponFen: number;
                                pointsFen: number;
                                discountFen: number;
                                paidFen: number;
                                refundedFen: number;
                                refundQuantity: number;
                                /** @enum {string} */
                                status: "pending" | "allocated" | "short" | "arrived" | "picked_up" | "refunded";
                                pickedUpAt: string | null;
                            }[];
                            subtotalFen: number;
                            memberDiscountFen: number;
                            fullReductionFen: number;
                            couponFen: number;
                            couponId: string | null;
                            pointsUsed: number;
                            pointsFen: number;
                            totalFen: number;
                            refundedFen: number;
                            paidAt: string | null;
                            expiresAt: string;
                            createdAt: string;
                            customer: {
                                name: string;
                                phone: string;
                            };
                            pickupDate?: string;
                            pickupFrom?: string;
                            pickupUntil?: string;
                            leader?: {
                                name: string;
                                phone: string;
                            } | null;
                        }[];
                    };
                };
                400: components["responses"]["Error"];
                401: components["responses"]["Error"];
                403: components["responses"]["Error"];
                404: components["responses"]["Error"];
                409: components["responses"]["Error"];
                429: components["responses"]["Error"];
                503: components["responses"]["Error"];
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/leader/orders/by-product": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** @description The pick list: units per product and who gets them. */
        get: {
            parameters: {
                query?: {
                    campaignId?: string;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            productId: string;
                            productName: string;
                            unit: string;
                            quantity: number;
                            orders: {
                                orderId: string;
                                number: string;
                                /** @enum {string} */
                                orderStatus: "pending_payment" | "paid" | "cancelled" | "closed" | "ready" | "completed";
                                lineId: string;
                                /** @enum {string} */
                                lineStatus: "pending" | "allocated" | "short" | "arrived" | "picked_up" | "refunded";
                                quantity: number;
                                customer: {
                                    name: string;
                                    phone: string;
                                };
                            }[];
                        }[];
                    };
                };
                400: components["responses"]["Error"];
                401: components["responses"]["Error"];
                403: components["responses"]["Error"];
                404: components["responses"]["Error"];
                409: components["responses"]["Error"];
                429: components["responses"]["Error"];
                503: components["responses"]["Error"];
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/leader/orders/uncollected": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** @description Ready orders at my point whose pickup date has passed, newest first, a page at a time. */
        get: {
            parameters: {
                query?: {
                    /** @description The previous page's X-Next-Cursor header; absent for the first page */
                    cursor?: string;
                    /** @description Rows per page, 50 unless given, at most 200 */
                    limit?: number;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        /** @description The cursor of the next page (pass it as `cursor`); absent on the last page */
                        "X-Next-Cursor"?: string;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            id: string;
                            number: string;
                            kind: string;
                            /** @enum {string} */
                            status: "pending_payment" | "paid" | "cancelled" | "closed" | "ready" | "completed";
                            campaignId: string | null;
                            pickupPointId: string | null;
                            lines: {
                                id: string;
                                campaignItemId: string;
                                productId: string;
                                productName: string;
                                unit: string;
                                quantity: number;
                                listPriceFen: number;
                                unitPriceFen: number;
                                memberDiscountFen: number;
                                fullReductionFen: number;
                                couponFen: number;
                                pointsFen: number;
                                discountFen: number;
                                paidFen: number;
                                refundedFen: number;
                                refundQuantity: number;
                                /** @enum {string} */
                                status: "pending" | "allocated" | "short" | "arrived" | "picked_up" | "refunded";
                                pickedUpAt: string | null;
                            }[];
                            subtotalFen: number;
                            memberDiscountFen: number;
                            fullReductionFen: number;
                            couponFen: number;
                            couponId: string | null;
                            pointsUsed: number;
                            pointsFen: number;
                            totalFen: number;
                            refundedFen: number;
                            paidAt: string | null;
                            expiresAt: string;
                            createdAt: string;
                            customer: {
                                name: string;
                                phone: string;
                            };
                            pickupDate?: string;
                            pickupFrom?: string;
                            pickupUntil?: string;
                            leader?: {
                                name: string;
                                phone: string;
                            } | null;
                        }[];
                    };
                };
                400: components["responses"]["Error"];
                401: components["responses"]["Error"];
                403: components["responses"]["Error"];
                404: components["responses"]["Error"];
                409: components["responses"]["Error"];
                429: components["responses"]["Error"];
                503: components["responses"]["Error"];
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/leader/home": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** @description Today's sales and estimated commission at my point, and the orders waiting to be collected. */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @description Today in the point's region (YYYY-MM-DD) */
                            date: string;
                            /** @description Paid today at my point, less refunds */
                            salesFen: number;
                            orderCount: number;
                            /** @description What today's orders earn when collected, at my current rate */
                            estimatedCommissionFen: number;
                            commissionBps: number;
                            awaitingPickup: {
                                orders: number;
                                customers: number;
                                units: number;
                                remindedToday: number;
                            };
                        };
                    };
                };
                400: components["responses"]["Error"];
                401: components["responses"]["Error"];
                403: components["responses"]["Error"];
                404: components["responses"]["Error"];
                409: components["responses"]["Error"];
                429: components["responses"]["Error"];
                503: components["responses"]["Error"];
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/leader/pickup-reminders": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** @description Remind the customers of orders waiting at my point (all, or the given ones) to collect them; each order at most once a day, also for simultaneous requests. */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        orderIds?: string[];
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            reminded: number;
                            alreadyReminded: number;
                        };
                    };
                };
                400: components["responses"]["Error"];
                401: components["responses"]["Error"];
                403: components["responses"]["Error"];
                404: components["responses"]["Error"];
                409: components["responses"]["Error"];
                429: components["responses"]["Error"];
                503: components["responses"]["Error"];
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/leader/commissions/breakdown": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** @description Commission earned (net of refunds) per day and per order over the last `days` days (default 30). */
        get: {
            parameters: {
                query?: {
                    days?: number;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            days: {
                                date: string;
                                commissionFen: number;
                                orders: number;
                            }[];
                            orders: {
                                orderId: string;
                                number: string;
                                date: string;
                                commissionFen: number;
                            }[];
                        };
                    };
                };
                400: components["responses"]["Error"];
                401: components["responses"]["Error"];
                403: components["responses"]["Error"];
                404: components["responses"]["Error"];
                409: components["responses"]["Error"];
                429: components["responses"]["Error"];
                503: components["responses"]["Error"];
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/admin/orders/uncollected": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** @description Ready orders whose pickup date has passed, across points, newest first, a page at a time. */
        get: {
            parameters: {
                query?: {
                    /** @description The previous page's X-Next-Cursor header; absent for the first page */
                    cursor?: string;
                    /** @description Rows per page, 50 unless given, at most 200 */
                    limit?: number;
                    pickupPointId?: string;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        /** @description The cursor of the next page (pass it as `cursor`); absent on the last page */
                        "X-Next-Cursor"?: string;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            id: string;
                            number: string;
                            kind: string;
                            /** @enum {string} */
                            status: "pending_payment" | "paid" | "cancelled" | "closed" | "ready" | "completed";
                            campaignId: string | null;
                            pickupPointId: string | null;
                            lines: {
                                id: string;
                                campaignItemId: string;
                                productId: string;
                                productName: string;
                                unit: string;
                                quantity: number;
                                listPriceFen: number;
                                unitPriceFen: number;
                                memberDiscountFen: number;
                                fullReductionFen: number;
                                couponFen: number;
                                pointsFen: number;
                                discountFen: number;
                                paidFen: number;
                                refundedFen: number;
                                refundQuantity: number;
                                /** @enum {string} */
                                status: "pending" | "allocated" | "short" | "arrived" | "picked_up" | "refunded";
                                pickedUpAt: string | null;
                            }[];
                            subtotalFen: number;
                            memberDiscountFen: number;
                            fullReductionFen: number;
                            couponFen: number;
                            couponId: string | null;
                            pointsUsed: number;
                            pointsFen: number;
                            totalFen: number;
                            refundedFen: number;
                            paidAt: string | null;
                            pickupCode: string | null;
                            expiresAt: string;
                            createdAt: string;
                            customer: {
                                name: string;
                                phone: string;
                            };
                            pickupDate?: string;
                            pickupFrom?: string;
                            pickupUntil?: string;
                            leader?: {
                                name: string;
                                phone: string;
                            } | null;
                        }[];
                    };
                };
                400: components["responses"]["Error"];
                401: components["responses"]["Error"];
                403: components["responses"]["Error"];
                404: components["responses"]["Error"];
                409: components["responses"]["Error"];
                429: components["responses"]["Error"];
                503: components["responses"]["Error"];
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/admin/campaigns": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** @description Campaigns, latest cutoff first, a page at a time (20 unless `limit` says, each with all its deals; the next page: the X-Next-Cursor header). */
        get: {
            parameters: {
                query?: {
                    /** @description The previous page's X-Next-Cursor header; absent for the first page */
                    cursor?: string;
                    /** @description Rows per page, 50 unless given, at most 200 */
                    limit?: number;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        /** @description The cursor of the next page (pass it as `cursor`); absent on the last page */
                        "X-Next-Cursor"?: string;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            id: string;
                            title: string;
                            startsAt: string;
                            cutoffAt: string;
                            pickupDate: string;
                            status: string;
                            regionId?: string;
                            pickupFrom?: string;
                            pickupUntil?: string;
                            routeIds?: string[];
                            pickupPointIds?: string[];
                            items: {
                                id: string;
                                productId: string;
                                name: string;
                                unit: string;
                                category: string;
                                priceFen: number;
                                memberPriceFen?: number;
                                listPriceFen: number;
                                quota?: number;
                                remaining?: number;
                                sold: number;
                                perCustomerLimit?: number;
                                saleStartsAt?: string;
                                groupTiers?: {
                                    minBuyers: number;
                                    priceFen: number;
                                }[];
                                currentTier?: {
                                    minBuyers: number;
                                    priceFen: number;
                                } | null;
                                buyers?: number;
                                nextTier?: {
                                    minBuyers: number;
                                    priceFen: number;
                                    buyersNeeded: number;
                                } | null;
                                image?: {
                                    id: string;
                                    url: string;
                                    width: number;
                                    height: number;
                                    thumbUrl: string;
                                    thumbWidth: number;
                                    thumbHeight: number;
                                };
                            }[];
                            /** @description deals whose supplier is suspended or unqualified and that have no usable backup supplier */
                            unsuppliedDeals: {
                                itemId: string;
                                productId: string;
                                name: string;
                                supplierId: string;
                                supplierName: string;
                                /** @enum {string} */
                                reason: "supplier_suspended" | "supplier_unqualified";
                                missingDocuments: string[];
                            }[];
                        }[];
                    };
                };
                400: components["responses"]["Error"];
                401: components["responses"]["Error"];
                403: components["responses"]["Error"];
                404: components["responses"]["Error"];
                409: components["responses"]["Error"];
                429: components["responses"]["Error"];
                503: components["responses"]["Error"];
            };
        };
        put?: never;
        /** @description Without cutoffAt the campaign closes at its region's cutoff time on the day before pickupDate, on the region's clock. routeIds / pickupPointIds: offered only on those routes and at those points of its region (400 VALIDATION_FAILED naming the field for one elsewhere); neither: the whole region. */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        title: string;
                        /** Format: date-time */
                        startsAt: string;
                        /** Format: date-time */
                        cutoffAt?: string;
                        /** Format: date */
                        pickupDate: string;
                        /** Format: uuid */
                        regionId?: string;
                        routeIds?: string[];
                        pickupPointIds?: string[];
                        items: {
                            /** Format: uuid */
                            productId: string;
                            priceFen: number;
                            memberPriceFen?: number;
                            quota?: number;
                            perCustomerLimit?: number;
                            /** Format: date-time */
                            saleStartsAt?: string;
                            groupTiers?: {
                                minBuyers: number;
                                priceFen: number;
                            }[];
                        }[];
                    };
                };
            };
            responses: {
                /** @description Default Response */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            id: string;
                            cutoffAt?: string;
                            items: {
                                /** Format: uuid */
                                productId: string;
                                priceFen: number;
                                memberPriceFen?: number;
                                quota?: number;
                                perCustomerLimit?: number;
                                /** Format: date-time */
                                saleStartsAt?: string;
                                groupTiers?: {
                                    minBuyers: number;
                                    priceFen: number;
                                }[];
                                id: string;
                            }[];
                        };
                    };
                };
                400: components["responses"]["Error"];
                401: components["responses"]["Error"];
                403: components["responses"]["Error"];
                404: components["responses"]["Error"];
                409: components["responses"]["Error"];
                429: components["responses"]["Error"];
                503: components["responses"]["Error"];
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/admin/campaigns/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** @description A campaign with its deals, and (while open) unsuppliedDeals: the deals no usable supplier can be given a purchase order for today. */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            id: string;
                            title: string;
                            startsAt: string;
                            cutoffAt: string;
                            pickupDate: string;
                            status: string;
                            regionId?: string;
                            pickupFrom?: string;
                            pickupUntil?: string;
                            routeIds?: string[];
                            pickupPointIds?: string[];
                            items: {
                                id: string;
                                productId: string;
                                name: string;
                                unit: string;
                                category: string;
                                priceFen: number;
                                memberPriceFen?: number;
                                listPriceFen: number;
                                quota?: number;
                                remaining?: number;
                                sold: number;
                                perCustomerLimit?: number;
                                saleStartsAt?: string;
                                groupTiers?: {
                                    minBuyers: number;
                                    priceFen: number;
                                }[];
                                currentTier?: {
                                    minBuyers: number;
                                    priceFen: number;
                                } | null;
                                buyers?: number;
                                nextTier?: {
                                    minBuyers: number;
                                    priceFen: number;
                                    buyersNeeded: number;
                                } | null;
                                image?: {
                                    id: string;
                                    url: string;
                                    width: number;
                                    height: number;
                                    thumbUrl: string;
                                    thumbWidth: number;
                                    thumbHeight: number;
                                };
                            }[];
                            /** @description deals whose supplier is suspended or unqualified and that have no usable backup supplier */
                            unsuppliedDeals: {
                                itemId: string;
                                productId: string;
                                name: string;
                                supplierId: string;
                                supplierName: string;
                                /** @enum {string} */
                                reason: "supplier_suspended" | "supplier_unqualified";
                                missingDocuments: string[];
                            }[];
                        };
                    };
                };
                400: components["responses"]["Error"];
                401: components["responses"]["Error"];
                403: components["responses"]["Error"];
                404: components["responses"]["Error"];
                409: components["responses"]["Error"];
                429: components["responses"]["Error"];
                503: components["responses"]["Error"];
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        /** @description Edit title, times, pickup date and targets until the cutoff; startsAt only before selling starts. 409 INVALID_STATE after the cutoff. cutoffAt null: the region's cutoff time on the day before the (new) pickup date. routeIds / pickupPointIds replace that kind of target (both empty: the whole region). */
        patch: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        title?: string;
                        /** Format: date-time */
                        startsAt?: string;
                        /** Format: date-time */
                        cutoffAt?: string | null;
                        /** Format: date */
                        pickupDate?: string;
                        routeIds?: string[];
                        pickupPointIds?: string[];
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            id: string;
                            title: string;
                            startsAt: string;
                            cutoffAt: string;
                            pickupDate: string;
                            status: string;
                            regionId?: string;
                            pickupFrom?: string;
                            pickupUntil?: string;
                            routeIds?: string[];
                            pickupPointIds?: string[];
                            items: {
                                id: string;
                                productId: string;
                                name: string;
                                unit: string;
                                category: string;
                                priceFen: number;
                                memberPriceFen?: number;
                                listPriceFen: number;
                                quota?: number;
                                remaining?: number;
                                sold: number;
                                perCustomerLimit?: number;
                                saleStartsAt?: string;
                                groupTiers?: {
                                    minBuyers: number;
                                    priceFen: number;
                                }[];
                                currentTier?: {
                                    minBuyers: number;
                                    priceFen: number;
                                } | null;
                                buyers?: number;
                                nextTier?: {
                                    minBuyers: number;
                                    priceFen: number;
                                    buyersNeeded: number;
                                } | null;
                                image?: {
                                    id: string;
                                    url: string;
                                    width: number;
                                    height: number;
                                    thumbUrl: string;
                                    thumbWidth: number;
                                    thumbHeight: number;
                                };
                            }[];
                        };
                    };
                };
                400: components["responses"]["Error"];
                401: components["responses"]["Error"];
                403: components["responses"]["Error"];
                404: components["responses"]["Error"];
                409: components["responses"]["Error"];
                429: components["responses"]["Error"];
                503: components["responses"]["Error"];
            };
        };
        trace?: never;
    };
    "/api/v1/admin/campaigns/{id}/copy-to-tomorrow": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** @description Copy the campaign to the region's tomorrow in one action: same title, deals (prices, member prices, quotas, limits, group tiers) and targets; selling from 00:00 tomorrow, cut off at the region's cutoff time tomorrow, picked up the day after, on the region's clock. A flash deal opens the same number of days later (dropped when outside the new selling window). 409 CONFLICT (details.campaignId: the existing copy) when it already has a copy for that day. */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            id: string;
                            title: string;
                            startsAt: string;
                            cutoffAt: string;
                            pickupDate: string;
                            status: string;
                            regionId?: string;
                            pickupFrom?: string;
                            pickupUntil?: string;
                            routeIds?: string[];
                            pickupPointIds?: string[];
                            items: {
                                id: string;
                                productId: string;
                                name: string;
                                unit: string;
                                category: string;
                                priceFen: number;
                                memberPriceFen?: number;
                                listPriceFen: number;
                                quota?: number;
                                remaining?: number;
                                sold: number;
                                perCustomerLimit?: number;
                                saleStartsAt?: string;
                                groupTiers?: {
                                    minBuyers: number;
                                    priceFen: number;
                                }[];
                                currentTier?: {
                                    minBuyers: number;
                                    priceFen: number;
                                } | null;
                                buyers?: number;
                                nextTier?: {
                                    minBuyers: number;
                                    priceFen: number;
                                    buyersNeeded: number;
                                } | null;
                                image?: {
                                    id: string;
                                    url: string;
                                    width: number;
                                    height: number;
                                    thumbUrl: string;
                                    thumbWidth: number;
                                    thumbHeight: number;
                                };
                            }[];
                        };
                    };
                };
                400: components["responses"]["Error"];
                401: components["responses"]["Error"];
                403: components["responses"]["Error"];
                404: components["responses"]["Error"];
                409: components["responses"]["Error"];
                429: components["responses"]["Error"];
                503: components["responses"]["Error"];
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/admin/campaigns/{id}/items": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** @description Add a deal until the cutoff; 409 CONFLICT when the product is already in the campaign. Answers the campaign. */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /** Format: uuid */
                        productId: string;
                        priceFen: number;
                        memberPriceFen?: number;
                        quota?: number;
                        perCustomerLimit?: number;
                        /** Format: date-time */
                        saleStartsAt?: string;
                        groupTiers?: {
                            minBuyers: number;
                            priceFen: number;
                        }[];
                    };
                };
            };
            responses: {
                /** @description Default Response */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            id: string;
                            title: string;
                            startsAt: string;
                            cutoffAt: string;
                            pickupDate: string;
                            status: string;
                            regionId?: string;
                            pickupFrom?: string;
                            pickupUntil?: string;
                            routeIds?: string[];
                            pickupPointIds?: string[];
                            items: {
                                id: string;
                                productId: string;
                                name: string;
                                unit: string;
                                category: string;
                                priceFen: number;
                                memberPriceFen?: number;
                                listPriceFen: number;
                                quota?: number;
                                remaining?: number;
                                sold: number;
                                perCustomerLimit?: number;
                                saleStartsAt?: string;
                                groupTiers?: {
                                    minBuyers: number;
                                    priceFen: number;
                                }[];
                                currentTier?: {
                                    minBuyers: number;
                                    priceFen: number;
                                } | null;
                                buyers?: number;
                                nextTier?: {
                                    minBuyers: number;
                                    priceFen: number;
                                    buyersNeeded: number;
                                } | null;
                                image?: {
                                    id: string;
                                    url: string;
                                    width: number;
                                    height: number;
                                    thumbUrl: string;
                                    thumbWidth: number;
                                    thumbHeight: number;
                                };
                            }[];
                        };
                    };
                };
                400: components["responses"]["Error"];
                401: components["responses"]["Error"];
                403: components["responses"]["Error"];
                404: components["responses"]["Error"];
                409: components["responses"]["Error"];
                429: components["responses"]["Error"];
                503: components["responses"]["Error"];
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/admin/campaigns/{id}/items/{itemId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        /** @description Remove a deal that is not on sale and sold nothing; a campaign keeps at least one. Answers the campaign. */
        delete: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                    itemId: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            id: string;
                            title: string;
                            startsAt: string;
                            cutoffAt: string;
                            pickupDate: string;
                            status: string;
                            regionId?: string;
                            pickupFrom?: string;
                            pickupUntil?: string;
                            routeIds?: string[];
                            pickupPointIds?: string[];
                            items: {
                                id: string;
                                productId: string;
                                name: string;
                                unit: string;
                                category: string;
                                priceFen: number;
                                memberPriceFen?: number;
                                listPriceFen: number;
                                quota?: number;
                                remaining?: number;
                                sold: number;
                                perCustomerLimit?: number;
                                saleStartsAt?: string;
                                groupTiers?: {
                                    minBuyers: number;
                                    priceFen: number;
                                }[];
                                currentTier?: {
                                    minBuyers: number;
                                    priceFen: number;
                                } | null;
                                buyers?: number;
                                nextTier?: {
                                    minBuyers: number;
                                    priceFen: number;
                                    buyersNeeded: number;
                                } | null;
                                image?: {
                                    id: string;
                                    url: string;
                                    width: number;
                                    height: number;
                                    thumbUrl: string;
                                    thumbWidth: number;
                                    thumbHeight: number;
                                };
                            }[];
                        };
                    };
                };
                400: components["responses"]["Error"];
                401: components["responses"]["Error"];
                403: components["responses"]["Error"];
                404: components["responses"]["Error"];
                409: components["responses"]["Error"];
                429: components["responses"]["Error"];
                503: components["responses"]["Error"];
            };
        };
        options?: never;
        head?: never;
        /** @description Edit a deal. Until the cutoff (then 409 INVALID_STATE). A deal not yet on sale and unsold: any field; on sale: only quota (not below sold). null clears an optional field. Answers the campaign. */
        patch: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                    itemId: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        priceFen?: number;
                        memberPriceFen?: number | null;
                        quota?: number | null;
                        perCustomerLimit?: number | null;
                        /** Format: date-time */
                        saleStartsAt?: string | null;
                        groupTiers?: {
                            minBuyers: number;
                            priceFen: number;
                        }[] | null;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            id: string;
                            title: string;
                            startsAt: string;
                            cutoffAt: string;
                            pickupDate: string;
                            status: string;
                            regionId?: string;
                            pickupFrom?: string;
                            pickupUntil?: string;
                            routeIds?: string[];
                            pickupPointIds?: string[];
                            items: {
                                id: string;
                                productId: string;
                                name: string;
                                unit: string;
                                category: string;
                                priceFen: number;
                                memberPriceFen?: number;
                                listPriceFen: number;
                                quota?: number;
                                remaining?: number;
                                sold: number;
                                perCustomerLimit?: number;
                                saleStartsAt?: string;
                                groupTiers?: {
                                    minBuyers: number;
                                    priceFen: number;
                                }[];
                                currentTier?: {
                                    minBuyers: number;
                                    priceFen: number;
                                } | null;
                                buyers?: number;
                                nextTier?: {
                                    minBuyers: number;
                                    priceFen: number;
                                    buyersNeeded: number;
                                } | null;
                                image?: {
                                    id: string;
                                    url: string;
                                    width: number;
                                    height: number;
                                    thumbUrl: string;
                                    thumbWidth: number;
                                    thumbHeight: number;
                                };
                            }[];
                        };
                    };
                };
                400: components["responses"]["Error"];
                401: components["responses"]["Error"];
                403: components["responses"]["Error"];
                404: components["responses"]["Error"];
                409: components["responses"]["Error"];
                429: components["responses"]["Error"];
                503: components["responses"]["Error"];
            };
        };
        trace?: never;
    };
    "/api/v1/deals/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** @description One deal with its campaign and its product's details and pictures (the shop's deal page) */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            id: string;
                            productId: string;
                            name: string;
                            unit: string;
                            category: string;
                            priceFen: number;
                            memberPriceFen?: number;
                            listPriceFen: number;
                            quota?: number;
                            remaining?: number;
                            sold: number;
                            perCustomerLimit?: number;
                            saleStartsAt?: string;
                            groupTiers?: {
                                minBuyers: number;
                                priceFen: number;
                            }[];
                            currentTier?: {
                                minBuyers: number;
                                priceFen: number;
                            } | null;
                            buyers?: number;
                            nextTier?: {
                                minBuyers: number;
                                priceFen: number;
                                buyersNeeded: number;
                            } | null;
                            image?: {
                                id: string;
                                url: string;
                                width: number;
                                height: number;
                                thumbUrl: string;
                                thumbWidth: number;
                                thumbHeight: number;
                            };
                            campaign: {
                                id: string;
                                title: string;
                                startsAt: string;
                                cutoffAt: string;
                                pickupDate: string;
                                status: string;
                                regionId?: string;
                                pickupFrom?: string;
                                pickupUntil?: string;
                                routeIds?: string[];
                                pickupPointIds?: string[];
                            };
                            product: {
                                id: string;
                                name: string;
                                category: string;
                                unit: string;
                                listPriceFen: number;
                                temperatureZone: string;
                                shelfLifeDays: number | null;
                                packSize: number;
                                description: string | null;
                                origin: string | null;
                                specification: string | null;
                                storage: string | null;
                                nutrition: {
                                    energyKj: number;
                                    proteinG: number;
                                    fatG: number;
                                    carbohydrateG: number;
                                    sodiumMg: number;
                                } | null;
                                images: {
                                    id: string;
                                    url: string;
                                    width: number;
                                    height: number;
                                    thumbUrl: string;
                                    thumbWidth: number;
                                    thumbHeight: number;
                                }[];
                            };
                        };
                    };
                };
                400: components["responses"]["Error"];
                401: components["responses"]["Error"];
                403: components["responses"]["Error"];
                404: components["responses"]["Error"];
                409: components["responses"]["Error"];
                429: components["responses"]["Error"];
                503: components["responses"]["Error"];
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/campaigns/active": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** @description Campaigns on sale now with their deals, offered at the pickup point named by `pickupPointId` (the shop passes the customer's chosen point): of its region, for the whole region or targeting that point or its route; without one, the default region's campaigns for the whole region (404 NOT_FOUND for an unknown point). pickupFrom–pickupUntil: the local hours of collection on pickupDate. The same for every caller of a region; `sold`, `remaining` and group-tier buyers are at most about a second old, and a deal is shown sold out as soon as any server process knows it is. */
        get: {
            parameters: {
                query?: {
                    pickupPointId?: string;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            id: string;
                            title: string;
                            startsAt: string;
                            cutoffAt: string;
                            pickupDate: string;
                            status: string;
                            regionId?: string;
                            pickupFrom?: string;
                            pickupUntil?: string;
                            routeIds?: string[];
                            pickupPointIds?: string[];
                            items: {
                                id: string;
                                productId: string;
                                name: string;
                                unit: string;
                                category: string;
                                priceFen: number;
                                memberPriceFen?: number;
                                listPriceFen: number;
                                quota?: number;
                                remaining?: number;
                                sold: number;
                                perCustomerLimit?: number;
                                saleStartsAt?: string;
                                groupTiers?: {
                                    minBuyers: number;
                                    priceFen: number;
                                }[];
                                currentTier?: {
                                    minBuyers: number;
                                    priceFen: number;
                                } | null;
                                buyers?: number;
                                nextTier?: {
                                    minBuyers: number;
                                    priceFen: number;
                                    buyersNeeded: number;
                                } | null;
                                image?: {
                                    id: string;
                                    url: string;
                                    width: number;
                                    height: number;
                                    thumbUrl: string;
                                    thumbWidth: number;
                                    thumbHeight: number;
                                };
                            }[];
                        }[];
                    };
                };
                400: components["responses"]["Error"];
                401: components["responses"]["Error"];
                403: components["responses"]["Error"];
                404: components["responses"]["Error"];
                409: components["responses"]["Error"];
                429: components["responses"]["Error"];
                503: components["responses"]["Error"];
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/me/flash-reminders": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** @description Reminders not sent yet, soonest opening first. */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            campaignItemId: string;
                            saleStartsAt: string;
                        }[];
                    };
                };
                400: components["responses"]["Error"];
                401: components["responses"]["Error"];
                403: components["responses"]["Error"];
                404: components["responses"]["Error"];
                409: components["responses"]["Error"];
                429: components["responses"]["Error"];
                503: components["responses"]["Error"];
            };
        };
        put?: never;
        /** @description Remind me when this flash deal opens (a customer notification, once). Subscribing twice changes nothing. INVALID_STATE for a deal that is no flash deal, is on sale already or whose campaign is closed. */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /** Format: uuid */
                        campaignItemId: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            campaignItemId: string;
                            saleStartsAt: string;
                        };
                    };
                };
                400: components["responses"]["Error"];
                401: components["responses"]["Error"];
                403: components["responses"]["Error"];
                404: components["responses"]["Error"];
                409: components["responses"]["Error"];
                429: components["responses"]["Error"];
                503: components["responses"]["Error"];
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/me/flash-reminders/{campaignItemId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        /** @description Takes back a reminder not sent yet; 404 when there is none. */
        delete: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    campaignItemId: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @enum {boolean} */
                            ok: true;
                        };
                    };
                };
                400: components["responses"]["Error"];
                401: components["responses"]["Error"];
                403: components["responses"]["Error"];
                404: components["responses"]["Error"];
                409: components["responses"]["Error"];
                429: components["responses"]["Error"];
                503: components["responses"]["Error"];
            };
        };
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/admin/promotions/full-reduction": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** @description Full-reduction promotions with their usage */
        get: {
            parameters: {
                query?: {
                    status?: "active" | "paused";
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            id: string;
                            name: string;
                            /** @enum {string} */
                            status: "active" | "paused";
                            startsAt: string;
                            endsAt: string;
                            tiers: {
                                thresholdFen: number;
                                discountFen: number;
                            }[];
                            categories: string[] | null;
                            /** @description active and inside its window right now */
                            running: boolean;
                            createdAt: string;
                            /** @description paid orders (any status after payment) that applied it */
                            orders: number;
                            discountGivenFen: number;
                            /** @description total paid by those orders */
                            gmvFen: number;
                            refundedFen: number;
                            /** @description goods value per paid order in the window so far against the same hours of the 4 weeks before; null for a window not begun or longer than 7 days */
                            aov: {
                                windowOrders: number;
                                windowAovFen: number | null;
                                baselineOrders: number;
                                baselineAovFen: number | null;
                                uplift: number | null;
                            } | null;
                        }[];
                    };
                };
                400: components["responses"]["Error"];
                401: components["responses"]["Error"];
                403: components["responses"]["Error"];
                404: components["responses"]["Error"];
                409: components["responses"]["Error"];
                429: components["responses"]["Error"];
                503: components["responses"]["Error"];
            };
        };
        put?: never;
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        name: string;
                        /** Format: date-time */
                        startsAt: string;
                        /** Format: date-time */
                        endsAt: string;
                        tiers: {
                            thresholdFen: number;
                            discountFen: number;
                        }[];
                        categories?: string[];
                    };
                };
            };
            responses: {
                /** @description Default Response */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            id: string;
                        };
                    };
                };
                400: components["responses"]["Error"];
                401: components["responses"]["Error"];
                403: components["responses"]["Error"];
                404: components["responses"]["Error"];
                409: components["responses"]["Error"];
                429: components["responses"]["Error"];
                503: components["responses"]["Error"];
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/admin/coupon-templates": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** @description Coupon templates with their usage */
        get: {
            parameters: {
                query?: {
                    status?: "active" | "paused";
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            id: string;
                            name: string;
                            kind: string;
                            /** @enum {string} */
                            status: "active" | "paused";
                            claimable: boolean;
                            thresholdFen: number;
                            discountFen: number | null;
                            percentOffBps: number | null;
                            maxDiscountFen: number | null;
                            validFrom: string;
                            validTo: string;
                            perCustomerLimit: number;
                            totalLimit: number | null;
                            stackableWithFullReduction: boolean;
                            createdAt: string;
                            issued: number;
                            available: number;
                            used: number;
                            expired: number;
                            /** @description paid orders (any status after payment) that applied it */
                            orders: number;
                            discountGivenFen: number;
                            /** @description total paid by those orders */
                            gmvFen: number;
                            refundedFen: number;
                        }[];
                    };
                };
                400: components["responses"]["Error"];
                401: components["responses"]["Error"];
                403: components["responses"]["Error"];
                404: components["responses"]["Error"];
                409: components["responses"]["Error"];
                429: components["responses"]["Error"];
                503: components["responses"]["Error"];
            };
        };
        put?: never;
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        name: string;
                        /** @enum {string} */
                        kind: "amount" | "percent";
                        thresholdFen: number;
                        discountFen?: number;
                        percentOffBps?: number;
                        maxDiscountFen?: number;
                        /** Format: date-time */
                        validFrom: string;
                        /** Format: date-time */
                        validTo: string;
                        perCustomerLimit: number;
                        totalLimit?: number;
                        stackableWithFullReduction: boolean;
                        /** @description customers may claim it in the claim centre (default false: grants only) */
                        claimable?: boolean;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            id: string;
                        };
                    };
                };
                400: components["responses"]["Error"];
                401: components["responses"]["Error"];
                403: components["responses"]["Error"];
                404: components["responses"]["Error"];
                409: components["responses"]["Error"];
                429: components["responses"]["Error"];
                503: components["responses"]["Error"];
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/admin/coupon-templates/{id}/grant": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        userIds: string[];
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            granted: number;
                        };
                    };
                };
                400: components["responses"]["Error"];
                401: components["responses"]["Error"];
                403: components["responses"]["Error"];
                404: components["responses"]["Error"];
                409: components["responses"]["Error"];
                429: components["responses"]["Error"];
                503: components["responses"]["Error"];
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/me/coupons": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            id: string;
                            templateId: string;
                            name: string;
                            kind: string;
                            /** @enum {string} */
                            status: "available" | "used" | "expired";
                            thresholdFen: number;
                            discountFen: number | null;
                            percentOffBps: number | null;
                            maxDiscountFen: number | null;
                            validFrom: string;
                            validTo: string;
                            stackableWithFullReduction: boolean;
                            orderId: string | null;
                        }[];
                    };
                };
                400: components["responses"]["Error"];
                401: components["responses"]["Error"];
                403: components["responses"]["Error"];
                404: components["responses"]["Error"];
                409: components["responses"]["Error"];
                429: components["responses"]["Error"];
                503: components["responses"]["Error"];
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/coupons/claimable": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** @description The claim centre: coupons the caller may claim now, with how many they already hold */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            templateId: string;
                            name: string;
                            kind: string;
                            thresholdFen: number;
                            discountFen: number | null;
                            percentOffBps: number | null;
                            maxDiscountFen: number | null;
                            validFrom: string;
                            validTo: string;
                            stackableWithFullReduction: boolean;
                            perCustomerLimit: number;
                            totalLimit: number | null;
                            /** @description coupons left to claim; null without a totalLimit */
                            remaining: number | null;
                            /** @description coupons of this template the caller has received (claims and grants) */
                            claimedByMe: number;
                        }[];
                    };
                };
                400: components["responses"]["Error"];
                401: components["responses"]["Error"];
                403: components["responses"]["Error"];
                404: components["responses"]["Error"];
                409: components["responses"]["Error"];
                429: components["responses"]["Error"];
                503: components["responses"]["Error"];
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/coupons/claim": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** @description 409 COUPON_UNAVAILABLE past totalLimit or perCustomerLimit, or for a paused, unclaimable or expired template */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /** Format: uuid */
                        templateId: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            id: string;
                            templateId: string;
                            name: string;
                            kind: string;
                            /** @enum {string} */
                            status: "available" | "used" | "expired";
                            thresholdFen: number;
                            discountFen: number | null;
                            percentOffBps: number | null;
                            maxDiscountFen: number | null;
                            validFrom: string;
                            validTo: string;
                            stackableWithFullReduction: boolean;
                            orderId: string | null;
                        };
                    };
                };
                400: components["responses"]["Error"];
                401: components["responses"]["Error"];
                403: components["responses"]["Error"];
                404: components["responses"]["Error"];
                409: components["responses"]["Error"];
                429: components["responses"]["Error"];
                503: components["responses"]["Error"];
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/admin/promotions/full-reduction/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        /** @description Edit name, window, tiers or category scope; applies to later orders (placed orders keep their discount) */
        patch: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        name?: string;
                        /** Format: date-time */
                        startsAt?: string;
                        /** Format: date-time */
                        endsAt?: string;
                        tiers?: {
                            thresholdFen: number;
                            discountFen: number;
                        }[];
                        /** @description null or empty: the whole order */
                        categories?: string[] | null;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            id: string;
                        };
                    };
                };
                400: components["responses"]["Error"];
                401: components["responses"]["Error"];
                403: components["responses"]["Error"];
                404: components["responses"]["Error"];
                409: components["responses"]["Error"];
                429: components["responses"]["Error"];
                503: components["responses"]["Error"];
            };
        };
        trace?: never;
    };
    "/api/v1/admin/coupon-templates/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        /** @description Edit name, limits, stacking, claimability and validity. Discount terms are fixed. Once coupons are issued, validFrom is fixed and validTo may only move later (409); totalLimit never below issued (409). */
        patch: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        name?: string;
                        /** Format: date-time */
                        validFrom?: string;
                        /** Format: date-time */
                        validTo?: string;
                        perCustomerLimit?: number;
                        totalLimit?: number | null;
                        stackableWithFullReduction?: boolean;
                        claimable?: boolean;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            id: string;
                        };
                    };
                };
                400: components["responses"]["Error"];
                401: components["responses"]["Error"];
                403: components["responses"]["Error"];
                404: components["responses"]["Error"];
                409: components["responses"]["Error"];
                429: components["responses"]["Error"];
                503: components["responses"]["Error"];
            };
        };
        trace?: never;
    };
    "/api/v1/admin/coupon-templates/{id}/pause": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            id: string;
                            /** @enum {string} */
                            status: "active" | "paused";
                        };
                    };
                };
                400: components["responses"]["Error"];
                401: components["responses"]["Error"];
                403: components["responses"]["Error"];
                404: components["responses"]["Error"];
                409: components["responses"]["Error"];
                429: components["responses"]["Error"];
                503: components["responses"]["Error"];
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/admin/promotions/full-reduction/{id}/pause": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            id: string;
                            /** @enum {string} */
                            status: "active" | "paused";
                        };
                    };
                };
                400: components["responses"]["Error"];
                401: components["responses"]["Error"];
                403: components["responses"]["Error"];
                404: components["responses"]["Error"];
                409: components["responses"]["Error"];
                429: components["responses"]["Error"];
                503: components["responses"]["Error"];
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/admin/coupon-templates/{id}/resume": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            id: string;
                            /** @enum {string} */
                            status: "active" | "paused";
                        };
                    };
                };
                400: components["responses"]["Error"];
                401: components["responses"]["Error"];
                403: components["responses"]["Error"];
                404: components["responses"]["Error"];
                409: components["responses"]["Error"];
                429: components["responses"]["Error"];
                503: components["responses"]["Error"];
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/admin/promotions/full-reduction/{id}/resume": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            id: string;
                            /** @enum {string} */
                            status: "active" | "paused";
                        };
                    };
                };
                400: components["responses"]["Error"];
                401: components["responses"]["Error"];
                403: components["responses"]["Error"];
                404: components["responses"]["Error"];
                409: components["responses"]["Error"];
                429: components["responses"]["Error"];
                503: components["responses"]["Error"];
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/checkout/quote": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /** Format: uuid */
                        pickupPointId: string;
                        items: {
                            /** Format: uuid */
                            campaignItemId: string;
                            quantity: number;
                        }[];
                        /** Format: uuid */
                        couponId?: string;
                        pointsToUse?: number;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            lines: {
                                campaignItemId: string;
                                quantity: number;
                                listPriceFen: number;
                                unitPriceFen: number;
                                memberDiscountFen: number;
                                subtotalFen: number;
                                fullReductionFen: number;
                                couponFen: number;
                                pointsFen: number;
                                discountFen: number;
                                paidFen: number;
                            }[];
                            subtotalFen: number;
                            memberDiscountFen: number;
                            fullReductionFen: number;
                            fullReductionId: string | null;
                            couponFen: number;
                            couponId: string | null;
                            pointsUsed: number;
                            pointsFen: number;
                            totalFen: number;
                            nextFullReduction: {
                                thresholdFen: number;
                                discountFen: number;
                                missingFen: number;
                                categories?: string[];
                            } | null;
                            fullReductionSkippedForCoupon: boolean;
                        };
                    };
                };
                400: components["responses"]["Error"];
                401: components["responses"]["Error"];
                403: components["responses"]["Error"];
                404: components["responses"]["Error"];
                409: components["responses"]["Error"];
                429: components["responses"]["Error"];
                503: components["responses"]["Error"];
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/checkout/coupons": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** @description The order priced with each coupon the customer may use now (nothing written, points left out): for each, the total before points, or how much more the order must come to (missingFen). bestCouponId is the one leaving the least to pay, null when no coupon beats none; ties go to the coupon expiring first. */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /** Format: uuid */
                        pickupPointId: string;
                        items: {
                            /** Format: uuid */
                            campaignItemId: string;
                            quantity: number;
                        }[];
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            withoutCouponFen: number;
                            bestCouponId: string | null;
                            choices: ({
                                couponId: string;
                                /** @enum {boolean} */
                                applicable: true;
                                couponFen: number;
                                fullReductionFen: number;
                                totalFen: number;
                            } | {
                                couponId: string;
                                /** @enum {boolean} */
                                applicable: false;
                                missingFen: number;
                            })[];
                        };
                    };
                };
                400: components["responses"]["Error"];
                401: components["responses"]["Error"];
                403: components["responses"]["Error"];
                404: components["responses"]["Error"];
                409: components["responses"]["Error"];
                429: components["responses"]["Error"];
                503: components["responses"]["Error"];
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/orders": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post: {
            parameters: {
                query?: never;
                header?: {
                    "idempotency-key"?: string;
                };
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /** Format: uuid */
                        pickupPointId: string;
                        items: {
                            /** Format: uuid */
                            campaignItemId: string;
                            quantity: number;
                        }[];
                        /** Format: uuid */
                        couponId?: string;
                        pointsToUse?: number;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            id: string;
                            number: string;
                            kind: string;
                            /** @enum {string} */
                            status: "pending_payment" | "paid" | "cancelled" | "closed" | "ready" | "completed";
                            campaignId: string | null;
                            pickupPointId: string | null;
                            lines: {
                                id: string;
                                campaignItemId: string;
                                productId: string;
                                productName: string;
                                unit: string;
                                quantity: number;
                                listPriceFen: number;
                                unitPriceFen: number;
                                memberDiscountFen: number;
                                fullReductionFen: number;
                                couponFen: number;
                                pointsFen: number;
                                discountFen: number;
                                paidFen: number;
                                refundedFen: number;
                                refundQuantity: number;
                                /** @enum {string} */
                                status: "pending" | "allocated" | "short" | "arrived" | "picked_up" | "refunded";
                                pickedUpAt: string | null;
                            }[];
                            subtotalFen: number;
                            memberDiscountFen: number;
                            fullReductionFen: number;
                            couponFen: number;
                            couponId: string | null;
                            pointsUsed: number;
                            pointsFen: number;
                            totalFen: number;
                            refundedFen: number;
                            paidAt: string | null;
                            pickupCode: string | null;
                            expiresAt: string;
                            createdAt: string;
                            customer: {
                                name: string;
                                phone: string;
                            };
                            pickupDate?: string;
                            pickupFrom?: string;
                            pickupUntil?: string;
                            leader?: {
                                name: string;
                                phone: string;
                            } | null;
                        };
                    };
                };
                400: components["responses"]["Error"];
                401: components["responses"]["Error"];
                403: components["responses"]["Error"];
                404: components["responses"]["Error"];
                409: components["responses"]["Error"];
                429: components["responses"]["Error"];
                503: components["responses"]["Error"];
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/checkout/day/quote": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** @description A pickup day priced as one cart (decision 032): the lines may come from several campaigns collected on the same date at the same point; one full-reduction threshold, one coupon and one points cap over all of them, and what each campaign's order would come to. Nothing written. */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /** Format: uuid */
                        pickupPointId: string;
                        items: {
                            /** Format: uuid */
                            campaignItemId: string;
                            quantity: number;
                        }[];
                        /** Format: uuid */
                        couponId?: string;
                        pointsToUse?: number;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            lines: {
                                campaignItemId: string;
                                quantity: number;
                                listPriceFen: number;
                                unitPriceFen: number;
                                memberDiscountFen: number;
                                subtotalFen: number;
                                fullReductionFen: number;
                                couponFen: number;
                                pointsFen: number;
                                discountFen: number;
                                paidFen: number;
                                campaignId: string;
                            }[];
                            subtotalFen: number;
                            memberDiscountFen: number;
                            fullReductionFen: number;
                            fullReductionId: string | null;
                            couponFen: number;
                            couponId: string | null;
                            pointsUsed: number;
                            pointsFen: number;
                            totalFen: number;
                            nextFullReduction: {
                                thresholdFen: number;
                                discountFen: number;
                                missingFen: number;
                                categories?: string[];
                            } | null;
                            fullReductionSkippedForCoupon: boolean;
                            orders: {
                                campaignId: string;
                                subtotalFen: number;
                                memberDiscountFen: number;
                                fullReductionFen: number;
                                couponFen: number;
                                pointsUsed: number;
                                pointsFen: number;
                                totalFen: number;
                            }[];
                        };
                    };
                };
                400: components["responses"]["Error"];
                401: components["responses"]["Error"];
                403: components["responses"]["Error"];
                404: components["responses"]["Error"];
                409: components["responses"]["Error"];
                429: components["responses"]["Error"];
                503: components["responses"]["Error"];
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/checkout/day/coupons": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** @description As /checkout/coupons, for a pickup day of several campaigns priced as one cart. */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /** Format: uuid */
                        pickupPointId: string;
                        items: {
                            /** Format: uuid */
                            campaignItemId: string;
                            quantity: number;
                        }[];
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            withoutCouponFen: number;
                            bestCouponId: string | null;
                            choices: ({
                                couponId: string;
                                /** @enum {boolean} */
                                applicable: true;
                                couponFen: number;
                                fullReductionFen: number;
                                totalFen: number;
                            } | {
                                couponId: string;
                                /** @enum {boolean} */
                                applicable: false;
                                missingFen: number;
                            })[];
                        };
                    };
                };
                400: components["responses"]["Error"];
                401: components["responses"]["Error"];
                403: components["responses"]["Error"];
                404: components["responses"]["Error"];
                409: components["responses"]["Error"];
                429: components["responses"]["Error"];
                503: components["responses"]["Error"];
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/checkout/day": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** @description Places a pickup day: one order per campaign, priced together as /checkout/day/quote, and their payment group, paid once with POST /payment-groups/{id}/pay. Lines of different pickup dates: 400 PICKUP_DATES_DIFFER, nothing written. */
        post: {
            parameters: {
                query?: never;
                header?: {
                    "idempotency-key"?: string;
                };
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /** Format: uuid */
                        pickupPointId: string;
                        items: {
                            /** Format: uuid */
                            campaignItemId: string;
                            quantity: number;
                        }[];
                        /** Format: uuid */
                        couponId?: string;
                        pointsToUse?: number;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            id: string;
                            /** @enum {string} */
                            status: "pending_payment" | "paid";
                            pickupPointId: string;
                            pickupDate: string;
                            subtotalFen: number;
                            memberDiscountFen: number;
                            fullReductionFen: number;
                            couponFen: number;
                            couponId: string | null;
                            pointsUsed: number;
                            pointsFen: number;
                            totalFen: number;
                            createdAt: string;
                            expiresAt: string;
                            orders: {
                                id: string;
                                number: string;
                                kind: string;
                                /** @enum {string} */
                                status: "pending_payment" | "paid" | "cancelled" | "closed" | "ready" | "completed";
                                campaignId: string | null;
                                pickupPointId: string | null;
                                lines: {
                                    id: string;
                                    campaignItemId: string;
                                    productId: string;
                                    productName: string;
                                    unit: string;
                                    quantity: number;
                                    listPriceFen: number;
                                    unitPriceFen: number;
                                    memberDiscountFen: number;
                                    fullReductionFen: number;
                                    couponFen: number;
                                    pointsFen: number;
                                    discountFen: number;
                                    paidFen: number;
                                    refundedFen: number;
                                    refundQuantity: number;
                                    /** @enum {string} */
                                    status: "pending" | "allocated" | "short" | "arrived" | "picked_up" | "refunded";
                                    pickedUpAt: string | null;
                                }[];
                                subtotalFen: number;
                                memberDiscountFen: number;
                                fullReductionFen: number;
                                couponFen: number;
                                couponId: string | null;
                                pointsUsed: number;
                                pointsFen: number;
                                totalFen: number;
                                refundedFen: number;
                                paidAt: string | null;
                                pickupCode: string | null;
                                expiresAt: string;
                                createdAt: string;
                                customer: {
                                    name: string;
                                    phone: string;
                                };
                                pickupDate?: string;
                                pickupFrom?: string;
                                pickupUntil?: string;
                                leader?: {
                                    name: string;
                                    phone: string;
                                } | null;
                            }[];
                        };
                    };
                };
                400: components["responses"]["Error"];
                401: components["responses"]["Error"];
                403: components["responses"]["Error"];
                404: components["responses"]["Error"];
                409: components["responses"]["Error"];
                429: components["responses"]["Error"];
                503: components["responses"]["Error"];
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/payment-groups/{id}/pay": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** @description Starts (or resumes) the one payment of a pickup day's orders, for their total. The provider's notification names the group's first order (orderId) and marks every order of the group paid. */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /** @enum {string} */
                        method: "simpay";
                    } | {
                        /** @enum {string} */
                        method: "wechatpay";
                        /** @enum {string} */
                        channel: "jsapi" | "miniprogram" | "h5";
                        /** @description h5: the shop page WeChat Pay sends the customer back to */
                        returnPath?: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            paymentId: string;
                            amountFen: number;
                            /** @description the provider's page that takes the payment: simpay, or WeChat Pay's H5 page (absent for jsapi/miniprogram) */
                            cashierUrl?: string;
                            /** @description jsapi/miniprogram: the parameters of WeixinJSBridge getBrandWCPayRequest / wx.requestPayment */
                            wechatPay?: {
                                appId: string;
                                timeStamp: string;
                                nonceStr: string;
                                package: string;
                                /** @enum {string} */
                                signType: "RSA";
                                paySign: string;
                            };
                            orderId: string;
                        };
                    };
                };
                400: components["responses"]["Error"];
                401: components["responses"]["Error"];
                403: components["responses"]["Error"];
                404: components["responses"]["Error"];
                409: components["responses"]["Error"];
                429: components["responses"]["Error"];
                503: components["responses"]["Error"];
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/orders/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            id: string;
                            number: string;
                            kind: string;
                            /** @enum {string} */
                            status: "pending_payment" | "paid" | "cancelled" | "closed" | "ready" | "completed";
                            campaignId: string | null;
                            pickupPointId: string | null;
                            lines: {
                                id: string;
                                campaignItemId: string;
                                productId: string;
                                productName: string;
                                unit: string;
                                quantity: number;
                                listPriceFen: number;
                                unitPriceFen: number;
                                memberDiscountFen: number;
                                fullReductionFen: number;
                                couponFen: number;
                                pointsFen: number;
                                discountFen: number;
                                paidFen: number;
                                refundedFen: number;
                                refundQuantity: number;
                                /** @enum {string} */
                                status: "pending" | "allocated" | "short" | "arrived" | "picked_up" | "refunded";
                                pickedUpAt: string | null;
                            }[];
                            subtotalFen: number;
                            memberDiscountFen: number;
                            fullReductionFen: number;
                            couponFen: number;
                            couponId: string | null;
                            pointsUsed: number;
                            pointsFen: number;
                            totalFen: number;
                            refundedFen: number;
                            paidAt: string | null;
                            pickupCode: string | null;
                            expiresAt: string;
                            createdAt: string;
                            customer: {
                                name: string;
                                phone: string;
                            };
                            pickupDate?: string;
                            pickupFrom?: string;
                            pickupUntil?: string;
                            leader?: {
                                name: string;
                                phone: string;
                            } | null;
                        };
                    };
                };
                400: components["responses"]["Error"];
                401: components["responses"]["Error"];
                403: components["responses"]["Error"];
                404: components["responses"]["Error"];
                409: components["responses"]["Error"];
                429: components["responses"]["Error"];
                503: components["responses"]["Error"];
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/me/orders": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** @description My orders, newest first, a page at a time (the next page: the X-Next-Cursor header). */
        get: {
            parameters: {
                query?: {
                    /** @description The previous page's X-Next-Cursor header; absent for the first page */
                    cursor?: string;
                    /** @description Rows per page, 50 unless given, at most 200 */
                    limit?: number;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        /** @description The cursor of the next page (pass it as `cursor`); absent on the last page */
                        "X-Next-Cursor"?: string;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            id: string;
                            number: string;
                            kind: string;
                            /** @enum {string} */
                            status: "pending_payment" | "paid" | "cancelled" | "closed" | "ready" | "completed";
                            campaignId: string | null;
                            pickupPointId: string | null;
                            lines: {
                                id: string;
                                campaignItemId: string;
                                productId: string;
                                productName: string;
                                unit: string;
                                quantity: number;
                                listPriceFen: number;
                                unitPriceFen: number;
                                memberDiscountFen: number;
                                fullReductionFen: number;
                                couponFen: number;
                                pointsFen: number;
                                discountFen: number;
                                paidFen: number;
                                refundedFen: number;
                                refundQuantity: number;
                                /** @enum {string} */
                                status: "pending" | "allocated" | "short" | "arrived" | "picked_up" | "refunded";
                                pickedUpAt: string | null;
                            }[];
                            subtotalFen: number;
                            memberDiscountFen: number;
                            fullReductionFen: number;
                            couponFen: number;
                            couponId: string | null;
                            pointsUsed: number;
                            pointsFen: number;
                            totalFen: number;
                            refundedFen: number;
                            paidAt: string | null;
                            pickupCode: string | null;
                            expiresAt: string;
                            createdAt: string;
                            customer: {
                                name: string;
                                phone: string;
                            };
                            pickupDate?: string;
                            pickupFrom?: string;
                            pickupUntil?: string;
                            leader?: {
                                name: string;
                                phone: string;
                            } | null;
                        }[];
                    };
                };
                400: components["responses"]["Error"];
                401: components["responses"]["Error"];
                403: components["responses"]["Error"];
                404: components["responses"]["Error"];
                409: components["responses"]["Error"];
                429: components["responses"]["Error"];
                503: components["responses"]["Error"];
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/orders/{id}/pay": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /** @enum {string} */
                        method: "simpay";
                    } | {
                        /** @enum {string} */
                        method: "wechatpay";
                        /** @enum {string} */
                        channel: "jsapi" | "miniprogram" | "h5";
                        /** @description h5: the shop page WeChat Pay sends the customer back to */
                        returnPath?: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            paymentId: string;
                            amountFen: number;
                            /** @description the provider's page that takes the payment: simpay, or WeChat Pay's H5 page (absent for jsapi/miniprogram) */
                            cashierUrl?: string;
                            /** @description jsapi/miniprogram: the parameters of WeixinJSBridge getBrandWCPayRequest / wx.requestPayment */
                            wechatPay?: {
                                appId: string;
                                timeStamp: string;
                                nonceStr: string;
                                package: string;
                                /** @enum {string} */
                                signType: "RSA";
                                paySign: string;
                            };
                        };
                    };
                };
                400: components["responses"]["Error"];
                401: components["responses"]["Error"];
                403: components["responses"]["Error"];
                404: components["responses"]["Error"];
                409: components["responses"]["Error"];
                429: components["responses"]["Error"];
                503: components["responses"]["Error"];
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/orders/{id}/cancel": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            id: string;
                            number: string;
                            kind: string;
                            /** @enum {string} */
                            status: "pending_payment" | "paid" | "cancelled" | "closed" | "ready" | "completed";
                            campaignId: string | null;
                            pickupPointId: string | null;
                            lines: {
                                id: string;
                                campaignItemId: string;
                                productId: string;
                                productName: string;
                                unit: string;
                                quantity: number;
                                listPriceFen: number;
                                unitPriceFen: number;
                                memberDiscountFen: number;
                                fullReductionFen: number;
                                couponFen: number;
                                pointsFen: number;
                                discountFen: number;
                                paidFen: number;
                                refundedFen: number;
                                refundQuantity: number;
                                /** @enum {string} */
                                status: "pending" | "allocated" | "short" | "arrived" | "picked_up" | "refunded";
                                pickedUpAt: string | null;
                            }[];
                            subtotalFen: number;
                            memberDiscountFen: number;
                            fullReductionFen: number;
                            couponFen: number;
                            couponId: string | null;
                            pointsUsed: number;
                            pointsFen: number;
                            totalFen: number;
                            refundedFen: number;
                            paidAt: string | null;
                            pickupCode: string | null;
                            expiresAt: string;
                            createdAt: string;
                            customer: {
                                name: string;
                                phone: string;
                            };
                            pickupDate?: string;
                            pickupFrom?: string;
                            pickupUntil?: string;
                            leader?: {
                                name: string;
                                phone: string;
                            } | null;
                        };
                    };
                };
                400: components["responses"]["Error"];
                401: components["responses"]["Error"];
                403: components["responses"]["Error"];
                404: components["responses"]["Error"];
                409: components["responses"]["Error"];
                429: components["responses"]["Error"];
                503: components["responses"]["Error"];
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/payments/simpay/notify": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post: {
            parameters: {
                query?: never;
                header?: {
                    "x-simpay-signature"?: string;
                };
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /** Format: uuid */
                        paymentId: string;
                        /** Format: uuid */
                        orderId: string;
                        amountFen: number;
                        providerTxnId: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @enum {boolean} */
                            ok: true;
                        };
                    };
                };
                400: components["responses"]["Error"];
                401: components["responses"]["Error"];
                403: components["responses"]["Error"];
                404: components["responses"]["Error"];
                409: components["responses"]["Error"];
                429: components["responses"]["Error"];
                503: components["responses"]["Error"];
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/admin/orders": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** @description Order search, newest first, a page at a time (the next page: the X-Next-Cursor header). `q` is an order number (LL…), a phone prefix or part of a name; `createdFrom` (inclusive) and `createdTo` (exclusive) bound when the order was placed. */
        get: {
            parameters: {
                query?: {
                    /** @description The previous page's X-Next-Cursor header; absent for the first page */
                    cursor?: string;
                    /** @description Rows per page, 50 unless given, at most 200 */
                    limit?: number;
                    q?: string;
                    status?: string;
                    campaignId?: string;
                    pickupPointId?: string;
                    createdFrom?: string;
                    createdTo?: string;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        /** @description The cursor of the next page (pass it as `cursor`); absent on the last page */
                        "X-Next-Cursor"?: string;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            id: string;
                            number: string;
                            kind: string;
                            /** @enum {string} */
                            status: "pending_payment" | "paid" | "cancelled" | "closed" | "ready" | "completed";
                            campaignId: string | null;
                            pickupPointId: string | null;
                            lines: {
                                id: string;
                                campaignItemId: string;
                                productId: string;
                                productName: string;
                                unit: string;
                                quantity: number;
                                listPriceFen: number;
                                unitPriceFen: number;
                                memberDiscountFen: number;
                                fullReductionFen: number;
                                couponFen: number;
                                pointsFen: number;
                                discountFen: number;
                                paidFen: number;
                                refundedFen: number;
                                refundQuantity: number;
                                /** @enum {string} */
                                status: "pending" | "allocated" | "short" | "arrived" | "picked_up" | "refunded";
                                pickedUpAt: string | null;
                            }[];
                            subtotalFen: number;
                            memberDiscountFen: number;
                            fullReductionFen: number;
                            couponFen: number;
                            couponId: string | null;
                            pointsUsed: number;
                            pointsFen: number;
                            totalFen: number;
                            refundedFen: number;
                            paidAt: string | null;
                            pickupCode: string | null;
                            expiresAt: string;
                            createdAt: string;
                            customer: {
                                name: string;
                                phone: string;
                            };
                            pickupDate?: string;
                            pickupFrom?: string;
                            pickupUntil?: string;
                            leader?: {
                                name: string;
                                phone: string;
                            } | null;
                        }[];
                    };
                };
                400: components["responses"]["Error"];
                401: components["responses"]["Error"];
                403: components["responses"]["Error"];
                404: components["responses"]["Error"];
                409: components["responses"]["Error"];
                429: components["responses"]["Error"];
                503: components["responses"]["Error"];
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/payments/wechatpay/refund-notify": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** @description WeChat Pay refund result notifications (REFUND.SUCCESS / ABNORMAL / CLOSED): signature verified, resource decrypted and checked against the refund, applied once. 204 when taken; {code:"FAIL", message} otherwise, which WeChat Pay retries. */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                204: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": null;
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @enum {string} */
                            code: "FAIL";
                            message: string;
                        };
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @enum {string} */
                            code: "FAIL";
                            message: string;
                        };
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @enum {string} */
                            code: "FAIL";
                            message: string;
                        };
                    };
                };
                /** @description Default Response */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @enum {string} */
                            code: "FAIL";
                            message: string;
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/admin/campaigns/{id}/cutoff": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** @description Cuts the campaign off now (it also runs by itself at cutoffAt). Running it again changes nothing and answers the counts of the documents that exist, with cancelledUnpaid 0. */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            purchaseOrders: number;
                            sortingLists: number;
                            cancelledUnpaid: number;
                            ranNow: boolean;
                            /** @description products whose supplier is suspended or unqualified, with no usable backup: no purchase order was raised for these units */
                            unsuppliedProducts: {
                                productId: string;
                                name: string;
                                supplierId: string;
                                units: number;
                            }[];
                        };
                    };
                };
                400: components["responses"]["Error"];
                401: components["responses"]["Error"];
                403: components["responses"]["Error"];
                404: components["responses"]["Error"];
                409: components["responses"]["Error"];
                429: components["responses"]["Error"];
                503: components["responses"]["Error"];
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/admin/campaigns/{id}/cutoff/preview": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** @description Nothing is written: the action runs in a transaction that is rolled back, so each figure is exactly what it would do now. orders / units / amountFen: the paid orders it closes, their units and paid value; refundFen: group-tier differences returned; cancelledUnpaid, purchaseOrders, sortingLists as the cutoff answers. All 0 once cut off. */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            orders: number;
                            units: number;
                            amountFen: number;
                            refundFen: number;
                            customersNotified: number;
                            cancelledUnpaid: number;
                            purchaseOrders: number;
                            sortingLists: number;
                            /** @description units the cutoff would raise no purchase order for (supplier suspended or unqualified, no usable backup) */
                            unsuppliedProducts: {
                                productId: string;
                                name: string;
                                supplierId: string;
                                units: number;
                            }[];
                        };
                    };
                };
                400: components["responses"]["Error"];
                401: components["responses"]["Error"];
                403: components["responses"]["Error"];
                404: components["responses"]["Error"];
                409: components["responses"]["Error"];
                429: components["responses"]["Error"];
                503: components["responses"]["Error"];
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/admin/purchase-orders": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** @description Purchase orders, newest first, a page at a time (the next page: the X-Next-Cursor header). */
        get: {
            parameters: {
                query?: {
                    /** @description The previous page's X-Next-Cursor header; absent for the first page */
                    cursor?: string;
                    /** @description Rows per page, 50 unless given, at most 200 */
                    limit?: number;
                    campaignId?: string;
                    status?: "open" | "received";
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        /** @description The cursor of the next page (pass it as `cursor`); absent on the last page */
                        "X-Next-Cursor"?: string;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            id: string;
                            campaignId: string;
                            supplierId: string;
                            supplierName: string;
                            warehouseId: string;
                            status: string;
                            createdAt: string;
                            receivedAt: string | null;
                            lines: {
                                productId: string;
                                productName: string;
                                unit: string;
                                packSize: number;
                                quantity: number;
                                demandQuantity: number;
                                fromStockQuantity: number;
                                acceptedQuantity: number | null;
                                rejectedQuantity: number | null;
                            }[];
                        }[];
                    };
                };
                400: components["responses"]["Error"];
                401: components["responses"]["Error"];
                403: components["responses"]["Error"];
                404: components["responses"]["Error"];
                409: components["responses"]["Error"];
                429: components["responses"]["Error"];
                503: components["responses"]["Error"];
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/admin/purchase-orders/{id}/receive": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** @description Receives a delivery once. Shortages are allocated to the earliest-paid lines and the rest refunded at once. A product left out was not delivered (0 accepted). */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        lines: {
                            /** Format: uuid */
                            productId: string;
                            acceptedQuantity: number;
                            rejectedQuantity: number;
                            /** Format: date */
                            expiresOn?: string;
                            /** @description accepts a lot that expired or keeps less than the product's minimum shelf life (else 409 LOT_EXPIRED / SHELF_LIFE_TOO_SHORT); kept on the lot */
                            overrideReason?: string;
                        }[];
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            id: string;
                            /** @enum {string} */
                            status: "received";
                            lines: {
                                productId: string;
                                orderedQuantity: number;
                                acceptedQuantity: number;
                                rejectedQuantity: number;
                                fromStockQuantity: number;
                                allocatedQuantity: number;
                                shortQuantity: number;
                                surplusQuantity: number;
                                lotId: string | null;
                                expiresOn: string | null;
                            }[];
                            refunds: {
                                count: number;
                                amountFen: number;
                            };
                        };
                    };
                };
                400: components["responses"]["Error"];
                401: components["responses"]["Error"];
                403: components["responses"]["Error"];
                404: components["responses"]["Error"];
                409: components["responses"]["Error"];
                429: components["responses"]["Error"];
                503: components["responses"]["Error"];
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/admin/purchase-orders/{id}/receive/preview": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** @description Nothing is written: the action runs in a transaction that is rolled back, so each figure is exactly what it would do now. For the counts given (as the receipt takes them): orders / units / amountFen are the orders left short, the units short and the money refunded for them; allocatedUnits served, surplusUnits to free stock. 409 once received. */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        lines: {
                            /** Format: uuid */
                            productId: string;
                            acceptedQuantity: number;
                            rejectedQuantity: number;
                            /** Format: date */
                            expiresOn?: string;
                            /** @description accepts a lot that expired or keeps less than the product's minimum shelf life (else 409 LOT_EXPIRED / SHELF_LIFE_TOO_SHORT); kept on the lot */
                            overrideReason?: string;
                        }[];
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            orders: number;
                            units: number;
                            amountFen: number;
                            refundFen: number;
                            customersNotified: number;
                            allocatedUnits: number;
                            surplusUnits: number;
                            refunds: number;
                        };
                    };
                };
                400: components["responses"]["Error"];
                401: components["responses"]["Error"];
                403: components["responses"]["Error"];
                404: components["responses"]["Error"];
                409: components["responses"]["Error"];
                429: components["responses"]["Error"];
                503: components["responses"]["Error"];
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/admin/sorting-lists": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: {
            parameters: {
                query: {
                    campaignId: string;
                    routeId?: string;
                    warehouseId?: string;
                    pickupPointId?: string;
                    /** @description The previous page's X-Next-Cursor header; absent for the first page */
                    cursor?: string;
                    /** @description Rows per page, 50 unless given, at most 200 */
                    limit?: number;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        /** @description The cursor of the next page (pass it as `cursor`); absent on the last page */
                        "X-Next-Cursor"?: string;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            id: string;
                            campaignId: string;
                            warehouseId: string;
                            warehouseName: string;
                            routeId: string;
                            routeName: string;
                            pickupPointId: string;
                            pickupPointName: string;
                            status: string;
                            dispatchedAt: string | null;
                            arrivedAt: string | null;
                            lines: {
                                productId: string;
                                productName: string;
                                unit: string;
                                temperatureZone: string;
                                orderedQuantity: number;
                                quantity: number;
                                receivedQuantity: number | null;
                            }[];
                        }[];
                    };
                };
                400: components["responses"]["Error"];
                401: components["responses"]["Error"];
                403: components["responses"]["Error"];
                404: components["responses"]["Error"];
                409: components["responses"]["Error"];
                429: components["responses"]["Error"];
                503: components["responses"]["Error"];
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/admin/sorting-lists/dispatch": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /** Format: uuid */
                        campaignId: string;
                        /** Format: uuid */
                        routeId: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @enum {boolean} */
                            ok: true;
                            campaignId: string;
                            routeId: string;
                            dispatchedSortingLists: number;
                            dispatchedAt: string | null;
                        };
                    };
                };
                400: components["responses"]["Error"];
                401: components["responses"]["Error"];
                403: components["responses"]["Error"];
                404: components["responses"]["Error"];
                409: components["responses"]["Error"];
                429: components["responses"]["Error"];
                503: components["responses"]["Error"];
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/admin/delivery-manifests": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: {
            parameters: {
                query: {
                    campaignId: string;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            id: string;
                            campaignId: string;
                            routeId: string;
                            routeName: string;
                            warehouseId: string;
                            warehouseName: string;
                            stops: number;
                            units: number;
                            status: string;
                            dispatchedAt: string | null;
                            points: {
                                pickupPointId: string;
                                pickupPointName: string;
                                address: string;
                                units: number;
                            }[];
                            /** @description the temperature readings of the route's delivery on the pickup date */
                            readings: {
                                id: string;
                                routeId: string;
                                day: string;
                                /** @enum {string} */
                                stage: "dispatch" | "arrival";
                                /**
                                 * @description only chilled (冷藏) and frozen (冷冻) goods are read
                                 * @enum {string}
                                 */
                                zone: "chilled" | "frozen";
                                pickupPointId: string | null;
                                pickupPointName: string | null;
                                tenths: number;
                                /** @description the range in force when it was read (null: no lower bound) */
                                minTenths: number | null;
                                maxTenths: number;
                                inRange: boolean;
                                /** @enum {string} */
                                source: "warehouse" | "leader" | "logger";
                                measuredAt: string;
                            }[];
                            /** @description zones read out of range, at dispatch or at a stop */
                            breachedZones: ("chilled" | "frozen")[];
                        }[];
                    };
                };
                400: components["responses"]["Error"];
                401: components["responses"]["Error"];
                403: components["responses"]["Error"];
                404: components["responses"]["Error"];
                409: components["responses"]["Error"];
                429: components["responses"]["Error"];
                503: components["responses"]["Error"];
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/admin/inventory/turnover": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** @description 库存周转率 per warehouse and month, newest first: cost of goods out / average stock value at product cost. */
        get: {
            parameters: {
                query?: {
                    months?: number;
                    warehouseId?: string;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            warehouseId: string;
                            warehouseName: string;
                            /** @description YYYY-MM, in the warehouse region’s time zone */
                            month: string;
                            /** @description days of the month counted (to today for the current month) */
                            days: number;
                            /** @description units out of free stock for customers, net of returns, at product cost */
                            costOutFen: number;
                            /** @description mean of the stock value at each day’s end */
                            averageStockFen: number;
                            turnover: number | null;
                            daysOfStock: number | null;
                            /** @description turnover against the month before, as a fraction */
                            change: number | null;
                        }[];
                    };
                };
                400: components["responses"]["Error"];
                401: components["responses"]["Error"];
                403: components["responses"]["Error"];
                404: components["responses"]["Error"];
                409: components["responses"]["Error"];
                429: components["responses"]["Error"];
                503: components["responses"]["Error"];
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/admin/inventory/turnover/export.xlsx": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** @description The inventory turnover table as an .xlsx workbook. Column headers in `lang`. */
        get: {
            parameters: {
                query?: {
                    months?: number;
                    warehouseId?: string;
                    lang?: "zh-CN" | "en";
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description an .xlsx file (application/vnd.openxmlformats-officedocument.spreadsheetml.sheet) */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": unknown;
                    };
                };
                400: components["responses"]["Error"];
                401: components["responses"]["Error"];
                403: components["responses"]["Error"];
                404: components["responses"]["Error"];
                409: components["responses"]["Error"];
                429: components["responses"]["Error"];
                503: components["responses"]["Error"];
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/admin/inventory": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** @description Free stock per warehouse and product. */
        get: {
            parameters: {
                query?: {
                    warehouseId?: string;
                    productId?: string;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            warehouseId: string;
                            warehouseName: string;
                            productId: string;
                            productName: string;
                            unit: string;
                            category: string;
                            quantity: number;
                            nextExpiry: string | null;
                        }[];
                    };
                };
                400: components["responses"]["Error"];
                401: components["responses"]["Error"];
                403: components["responses"]["Error"];
                404: components["responses"]["Error"];
                409: components["responses"]["Error"];
                429: components["responses"]["Error"];
                503: components["responses"]["Error"];
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/admin/inventory/adjust": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** @description Puts goods into stock (a `received` movement and a new lot) or takes them out (a `written_off` movement with its reason, out of the lots first-expiry-first); stock never goes below zero (409). Every change is a ledger movement. */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /** Format: uuid */
                        warehouseId: string;
                        /** Format: uuid */
                        productId: string;
                        quantityDelta: number;
                        reason: string;
                        /** Format: date */
                        expiresOn?: string;
                        /**
                         * @description a decrease (write-off): expired, damaged, quality, lost or other (the default)
                         * @enum {string}
                         */
                        writeOffReason?: "expired" | "damaged" | "quality" | "lost" | "other";
                        note?: string;
                        /** @description the same key twice posts once: the second answer repeats the first */
                        businessKey?: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            warehouseId: string;
                            productId: string;
                            quantity: number;
                            quantityDelta: number;
                            reason: string;
                            lotId: string | null;
                            at: string;
                            movementId: string;
                            /** @enum {string} */
                            kind: "received" | "allocated" | "returned" | "written_off" | "marked_down" | "transfer_in" | "transfer_out" | "counted" | "returned_to_supplier";
                            /** @enum {string|null} */
                            writeOffReason: "expired" | "damaged" | "quality" | "lost" | "other" | null;
                            note: string | null;
                        };
                    };
                };
                400: components["responses"]["Error"];
                401: components["responses"]["Error"];
                403: components["responses"]["Error"];
                404: components["responses"]["Error"];
                409: components["responses"]["Error"];
                429: components["responses"]["Error"];
                503: components["responses"]["Error"];
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/admin/inventory/transfer": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** @description Moves units between two warehouses (transfer_out / transfer_in movements); the lots keep their expiry dates. 409 when the source has fewer units. */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /** Format: uuid */
                        fromWarehouseId: string;
                        /** Format: uuid */
                        toWarehouseId: string;
                        /** Format: uuid */
                        productId: string;
                        quantity: number;
                        note?: string;
                        businessKey?: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            transferId: string;
                            fromQuantity: number;
                            toQuantity: number;
                        };
                    };
                };
                400: components["responses"]["Error"];
                401: components["responses"]["Error"];
                403: components["responses"]["Error"];
                404: components["responses"]["Error"];
                409: components["responses"]["Error"];
                429: components["responses"]["Error"];
                503: components["responses"]["Error"];
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/admin/inventory/movements": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** @description The stock ledger, newest first, a page at a time (the next page: the X-Next-Cursor header). from/to are business days of the warehouse's region. */
        get: {
            parameters: {
                query?: {
                    /** @description The previous page's X-Next-Cursor header; absent for the first page */
                    cursor?: string;
                    /** @description Rows per page, 50 unless given, at most 200 */
                    limit?: number;
                    warehouseId?: string;
                    productId?: string;
                    kind?: "received" | "allocated" | "returned" | "written_off" | "marked_down" | "transfer_in" | "transfer_out" | "counted" | "returned_to_supplier";
                    from?: string;
                    to?: string;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        /** @description The cursor of the next page (pass it as `cursor`); absent on the last page */
                        "X-Next-Cursor"?: string;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            id: string;
                            warehouseId: string;
                            warehouseName: string;
                            productId: string;
                            productName: string;
                            unit: string;
                            /** @enum {string} */
                            kind: "received" | "allocated" | "returned" | "written_off" | "marked_down" | "transfer_in" | "transfer_out" | "counted" | "returned_to_supplier";
                            quantity: number;
                            /** @enum {string|null} */
                            writeOffReason: "expired" | "damaged" | "quality" | "lost" | "other" | null;
                            reason: string | null;
                            note: string | null;
                            actorName: string | null;
                            refId: string | null;
                            lots: {
                                lotId: string;
                                quantity: number;
                                expiresOn: string | null;
                            }[];
                            at: string;
                        }[];
                    };
                };
                400: components["responses"]["Error"];
                401: components["responses"]["Error"];
                403: components["responses"]["Error"];
                404: components["responses"]["Error"];
                409: components["responses"]["Error"];
                429: components["responses"]["Error"];
                503: components["responses"]["Error"];
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/admin/stock-counts": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** @description Stock counts (盘点), newest first, a page at a time (the next page: the X-Next-Cursor header). */
        get: {
            parameters: {
                query?: {
                    /** @description The previous page's X-Next-Cursor header; absent for the first page */
                    cursor?: string;
                    /** @description Rows per page, 50 unless given, at most 200 */
                    limit?: number;
                    warehouseId?: string;
                    status?: "open" | "posted";
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        /** @description The cursor of the next page (pass it as `cursor`); absent on the last page */
                        "X-Next-Cursor"?: string;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            id: string;
                            warehouseId: string;
                            warehouseName: string;
                            /** @enum {string} */
                            status: "open" | "posted";
                            openedAt: string;
                            openedBy: string | null;
                            postedAt: string | null;
                            postedBy: string | null;
                            lines: number;
                            countedLines: number;
                            unitsIn: number;
                            unitsOut: number;
                        }[];
                    };
                };
                400: components["responses"]["Error"];
                401: components["responses"]["Error"];
                403: components["responses"]["Error"];
                404: components["responses"]["Error"];
                409: components["responses"]["Error"];
                429: components["responses"]["Error"];
                503: components["responses"]["Error"];
            };
        };
        put?: never;
        /** @description Opens a count of a warehouse: the sheet lists every product it keeps with today's free stock as expected. One open count per warehouse (409 CONFLICT with its countId). */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /** Format: uuid */
                        warehouseId: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            id: string;
                        };
                    };
                };
                400: components["responses"]["Error"];
                401: components["responses"]["Error"];
                403: components["responses"]["Error"];
                404: components["responses"]["Error"];
                409: components["responses"]["Error"];
                429: components["responses"]["Error"];
                503: components["responses"]["Error"];
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/admin/stock-counts/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** @description A count sheet: expected (at opening), counted and current units per product. */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            id: string;
                            warehouseId: string;
                            warehouseName: string;
                            /** @enum {string} */
                            status: "open" | "posted";
                            openedAt: string;
                            openedBy: string | null;
                            postedAt: string | null;
                            postedBy: string | null;
                            lines: number;
                            countedLines: number;
                            unitsIn: number;
                            unitsOut: number;
                            lineItems: {
                                productId: string;
                                productName: string;
                                unit: string;
                                category: string;
                                expectedQuantity: number;
                                countedQuantity: number | null;
                                currentQuantity: number;
                            }[];
                        };
                    };
                };
                400: components["responses"]["Error"];
                401: components["responses"]["Error"];
                403: components["responses"]["Error"];
                404: components["responses"]["Error"];
                409: components["responses"]["Error"];
                429: components["responses"]["Error"];
                503: components["responses"]["Error"];
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/admin/stock-counts/{id}/lines": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        /** @description Enters counted units per product (null clears one); 409 INVALID_STATE once posted. */
        put: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        lines: {
                            /** Format: uuid */
                            productId: string;
                            countedQuantity: number | null;
                        }[];
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            id: string;
                            warehouseId: string;
                            warehouseName: string;
                            /** @enum {string} */
                            status: "open" | "posted";
                            openedAt: string;
                            openedBy: string | null;
                            postedAt: string | null;
                            postedBy: string | null;
                            lines: number;
                            countedLines: number;
                            unitsIn: number;
                            unitsOut: number;
                            lineItems: {
                                productId: string;
                                productName: string;
                                unit: string;
                                category: string;
                                expectedQuantity: number;
                                countedQuantity: number | null;
                                currentQuantity: number;
                            }[];
                        };
                    };
                };
                400: components["responses"]["Error"];
                401: components["responses"]["Error"];
                403: components["responses"]["Error"];
                404: components["responses"]["Error"];
                409: components["responses"]["Error"];
                429: components["responses"]["Error"];
                503: components["responses"]["Error"];
            };
        };
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/admin/stock-counts/{id}/post": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** @description Posts a count: each counted product's stock becomes the counted figure through a `counted` movement of the difference. Once: a second post (or a concurrent one) is 409 INVALID_STATE. */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            id: string;
                            /** @enum {string} */
                            status: "posted";
                            movements: number;
                        };
                    };
                };
                400: components["responses"]["Error"];
                401: components["responses"]["Error"];
                403: components["responses"]["Error"];
                404: components["responses"]["Error"];
                409: components["responses"]["Error"];
                429: components["responses"]["Error"];
                503: components["responses"]["Error"];
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/leader/commissions": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** @description Balances and the ledger entries, newest first, a page at a time (100 unless `limit` says; the next page: `nextCursor`, also in the X-Next-Cursor header); due commission is settled first. */
        get: {
            parameters: {
                query?: {
                    /** @description The previous page's X-Next-Cursor header; absent for the first page */
                    cursor?: string;
                    /** @description Rows per page, 50 unless given, at most 200 */
                    limit?: number;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        /** @description The cursor of the next page (pass it as `cursor`); absent on the last page */
                        "X-Next-Cursor"?: string;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            pendingFen: number;
                            availableFen: number;
                            /** @description Everything requested and not rejected: in review plus paid out */
                            withdrawnFen: number;
                            /** @description The part of withdrawnFen whose requests are still under review (not yet paid out) */
                            inReviewFen: number;
                            entries: {
                                id: string;
                                kind: string;
                                bucket: string;
                                amountFen: number;
                                orderLineId: string | null;
                                availableAt: string | null;
                                createdAt: string;
                            }[];
                            /** @description The cursor of the next page of entries (null on the last page) */
                            nextCursor: string | null;
                        };
                    };
                };
                400: components["responses"]["Error"];
                401: components["responses"]["Error"];
                403: components["responses"]["Error"];
                404: components["responses"]["Error"];
                409: components["responses"]["Error"];
                429: components["responses"]["Error"];
                503: components["responses"]["Error"];
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/leader/withdrawals": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** @description My withdrawals, newest first, a page at a time (the next page: the X-Next-Cursor header). */
        get: {
            parameters: {
                query?: {
                    /** @description The previous page's X-Next-Cursor header; absent for the first page */
                    cursor?: string;
                    /** @description Rows per page, 50 unless given, at most 200 */
                    limit?: number;
                    status?: "requested" | "paid" | "rejected";
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        /** @description The cursor of the next page (pass it as `cursor`); absent on the last page */
                        "X-Next-Cursor"?: string;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            id: string;
                            leaderId: string;
                            amountFen: number;
                            /** @enum {string} */
                            status: "requested" | "paid" | "rejected";
                            createdAt: string;
                            decidedAt: string | null;
                            leaderName?: string;
                            pickupPointId?: string;
                            pickupPointName?: string;
                        }[];
                    };
                };
                400: components["responses"]["Error"];
                401: components["responses"]["Error"];
                403: components["responses"]["Error"];
                404: components["responses"]["Error"];
                409: components["responses"]["Error"];
                429: components["responses"]["Error"];
                503: components["responses"]["Error"];
            };
        };
        put?: never;
        /** @description Withdraw available commission; never more than availableFen, also for simultaneous requests. Idempotency-Key supported. */
        post: {
            parameters: {
                query?: never;
                header?: {
                    "idempotency-key"?: string;
                };
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        amountFen: number;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            id: string;
                            leaderId: string;
                            amountFen: number;
                            /** @enum {string} */
                            status: "requested" | "paid" | "rejected";
                            createdAt: string;
                            decidedAt: string | null;
                            leaderName?: string;
                            pickupPointId?: string;
                            pickupPointName?: string;
                        };
                    };
                };
                400: components["responses"]["Error"];
                401: components["responses"]["Error"];
                403: components["responses"]["Error"];
                404: components["responses"]["Error"];
                409: components["responses"]["Error"];
                429: components["responses"]["Error"];
                503: components["responses"]["Error"];
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/admin/withdrawals": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** @description Withdrawals, newest first, a page at a time (the next page: the X-Next-Cursor header). */
        get: {
            parameters: {
                query?: {
                    /** @description The previous page's X-Next-Cursor header; absent for the first page */
                    cursor?: string;
                    /** @description Rows per page, 50 unless given, at most 200 */
                    limit?: number;
                    status?: "requested" | "paid" | "rejected";
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        /** @description The cursor of the next page (pass it as `cursor`); absent on the last page */
                        "X-Next-Cursor"?: string;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            id: string;
                            leaderId: string;
                            amountFen: number;
                            /** @enum {string} */
                            status: "requested" | "paid" | "rejected";
                            createdAt: string;
                            decidedAt: string | null;
                            leaderName?: string;
                            pickupPointId?: string;
                            pickupPointName?: string;
                        }[];
                    };
                };
                400: components["responses"]["Error"];
                401: components["responses"]["Error"];
                403: components["responses"]["Error"];
                404: components["responses"]["Error"];
                409: components["responses"]["Error"];
                429: components["responses"]["Error"];
                503: components["responses"]["Error"];
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/admin/withdrawals/{id}/pay": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** @description The transfer was made: requested → paid. */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            id: string;
                            leaderId: string;
                            amountFen: number;
                            /** @enum {string} */
                            status: "requested" | "paid" | "rejected";
                            createdAt: string;
                            decidedAt: string | null;
                            leaderName?: string;
                            pickupPointId?: string;
                            pickupPointName?: string;
                        };
                    };
                };
                400: components["responses"]["Error"];
                401: components["responses"]["Error"];
                403: components["responses"]["Error"];
                404: components["responses"]["Error"];
                409: components["responses"]["Error"];
                429: components["responses"]["Error"];
                503: components["responses"]["Error"];
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/admin/withdrawals/{id}/reject": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** @description requested → rejected; the amount returns to available. */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            id: string;
                            leaderId: string;
                            amountFen: number;
                            /** @enum {string} */
                            status: "requested" | "paid" | "rejected";
                            createdAt: string;
                            decidedAt: string | null;
                            leaderName?: string;
                            pickupPointId?: string;
                            pickupPointName?: string;
                        };
                    };
                };
                400: components["responses"]["Error"];
                401: components["responses"]["Error"];
                403: components["responses"]["Error"];
                404: components["responses"]["Error"];
                409: components["responses"]["Error"];
                429: components["responses"]["Error"];
                503: components["responses"]["Error"];
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/admin/commissions/settle": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** @description Settle every due commission now (the settle-commissions job does this every 10 minutes). */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            settled: number;
                        };
                    };
                };
                400: components["responses"]["Error"];
                401: components["responses"]["Error"];
                403: components["responses"]["Error"];
                404: components["responses"]["Error"];
                409: components["responses"]["Error"];
                429: components["responses"]["Error"];
                503: components["responses"]["Error"];
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/orders/{id}/refunds": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            id: string;
                            orderId: string;
                            orderNumber: string;
                            kind: string;
                            reason: string;
                            note: string | null;
                            /** @enum {string} */
                            status: "requested" | "refunded" | "rejected";
                            amountFen: number;
                            createdAt: string;
                            decidedAt: string | null;
                            /**
                             * @description the money's way back through the payment provider: pending (queued), processing (accepted by WeChat Pay, 退款中), succeeded, failed; null when nothing is sent
                             * @enum {string|null}
                             */
                            payout: "pending" | "processing" | "succeeded" | "failed" | null;
                            lines: {
                                lineId: string;
                                productId: string;
                                productName: string;
                                quantity: number;
                                amountFen: number;
                            }[];
                        }[];
                    };
                };
                400: components["responses"]["Error"];
                401: components["responses"]["Error"];
                403: components["responses"]["Error"];
                404: components["responses"]["Error"];
                409: components["responses"]["Error"];
                429: components["responses"]["Error"];
                503: components["responses"]["Error"];
            };
        };
        put?: never;
        /** @description After-sales claim on picked-up lines within 48 h; the amount is computed by the server. Idempotency-Key supported. */
        post: {
            parameters: {
                query?: never;
                header?: {
                    "idempotency-key"?: string;
                };
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        lines: {
                            /** Format: uuid */
                            lineId: string;
                            quantity: number;
                        }[];
                        /** @enum {string} */
                        reason: "quality" | "missing" | "wrong_item" | "description_mismatch" | "logistics_delay" | "other";
                        note?: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            id: string;
                            /** @enum {string} */
                            status: "requested" | "refunded" | "rejected";
                            amountFen: number;
                        };
                    };
                };
                400: components["responses"]["Error"];
                401: components["responses"]["Error"];
                403: components["responses"]["Error"];
                404: components["responses"]["Error"];
                409: components["responses"]["Error"];
                429: components["responses"]["Error"];
                503: components["responses"]["Error"];
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/me/refunds": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** @description My refunds, newest first, a page at a time (the next page: the X-Next-Cursor header). */
        get: {
            parameters: {
                query?: {
                    /** @description The previous page's X-Next-Cursor header; absent for the first page */
                    cursor?: string;
                    /** @description Rows per page, 50 unless given, at most 200 */
                    limit?: number;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        /** @description The cursor of the next page (pass it as `cursor`); absent on the last page */
                        "X-Next-Cursor"?: string;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            id: string;
                            orderId: string;
                            orderNumber: string;
                            kind: string;
                            reason: string;
                            note: string | null;
                            /** @enum {string} */
                            status: "requested" | "refunded" | "rejected";
                            amountFen: number;
                            createdAt: string;
                            decidedAt: string | null;
                            /**
                             * @description the money's way back through the payment provider: pending (queued), processing (accepted by WeChat Pay, 退款中), succeeded, failed; null when nothing is sent
                             * @enum {string|null}
                             */
                            payout: "pending" | "processing" | "succeeded" | "failed" | null;
                            lines: {
                                lineId: string;
                                productId: string;
                                productName: string;
                                quantity: number;
                                amountFen: number;
                            }[];
                        }[];
                    };
                };
                400: components["responses"]["Error"];
                401: components["responses"]["Error"];
                403: components["responses"]["Error"];
                404: components["responses"]["Error"];
                409: components["responses"]["Error"];
                429: components["responses"]["Error"];
                503: components["responses"]["Error"];
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/admin/refunds": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** @description The approval queue (status=requested) and the refund history, newest first, a page at a time (the next page: the X-Next-Cursor header). */
        get: {
            parameters: {
                query?: {
                    /** @description The previous page's X-Next-Cursor header; absent for the first page */
                    cursor?: string;
                    /** @description Rows per page, 50 unless given, at most 200 */
                    limit?: number;
                    status?: "requested" | "refunded" | "rejected";
                    kind?: "cancel" | "shortage" | "arrival_loss" | "aftersales" | "price_adjustment";
                    orderId?: string;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        /** @description The cursor of the next page (pass it as `cursor`); absent on the last page */
                        "X-Next-Cursor"?: string;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            id: string;
                            orderId: string;
                            orderNumber: string;
                            kind: string;
                            reason: string;
                            note: string | null;
                            /** @enum {string} */
                            status: "requested" | "refunded" | "rejected";
                            amountFen: number;
                            createdAt: string;
                            decidedAt: string | null;
                            /**
                             * @description the money's way back through the payment provider: pending (queued), processing (accepted by WeChat Pay, 退款中), succeeded, failed; null when nothing is sent
                             * @enum {string|null}
                             */
                            payout: "pending" | "processing" | "succeeded" | "failed" | null;
                            customer: {
                                id: string;
                                name: string;
                                phone: string;
                            };
                            lines: {
                                lineId: string;
                                productId: string;
                                productName: string;
                                quantity: number;
                                amountFen: number;
                            }[];
                        }[];
                    };
                };
                400: components["responses"]["Error"];
                401: components["responses"]["Error"];
                403: components["responses"]["Error"];
                404: components["responses"]["Error"];
                409: components["responses"]["Error"];
                429: components["responses"]["Error"];
                503: components["responses"]["Error"];
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/admin/refunds/{id}/approve": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** @description Money back, commission reversed. */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            id: string;
                            /** @enum {string} */
                            status: "requested" | "refunded" | "rejected";
                            amountFen: number;
                        };
                    };
                };
                400: components["responses"]["Error"];
                401: components["responses"]["Error"];
                403: components["responses"]["Error"];
                404: components["responses"]["Error"];
                409: components["responses"]["Error"];
                429: components["responses"]["Error"];
                503: components["responses"]["Error"];
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/admin/refunds/{id}/approve/preview": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** @description What approving would do, without writing (the approval runs in a transaction that is rolled back): the order, the units returned, the money back and the customers told. 409 once decided. */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            orders: number;
                            units: number;
                            amountFen: number;
                            refundFen: number;
                            customersNotified: number;
                        };
                    };
                };
                400: components["responses"]["Error"];
                401: components["responses"]["Error"];
                403: components["responses"]["Error"];
                404: components["responses"]["Error"];
                409: components["responses"]["Error"];
                429: components["responses"]["Error"];
                503: components["responses"]["Error"];
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/admin/refunds/{id}/reject": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        note?: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            id: string;
                            /** @enum {string} */
                            status: "requested" | "refunded" | "rejected";
                            amountFen: number;
                        };
                    };
                };
                400: components["responses"]["Error"];
                401: components["responses"]["Error"];
                403: components["responses"]["Error"];
                404: components["responses"]["Error"];
                409: components["responses"]["Error"];
                429: components["responses"]["Error"];
                503: components["responses"]["Error"];
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/me/membership": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** @description What the annual membership costs the caller: the price of her region (her chosen pickup point's; the default region's without one). */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            priceFen: number;
                            regionId: string;
                        };
                    };
                };
                400: components["responses"]["Error"];
                401: components["responses"]["Error"];
                403: components["responses"]["Error"];
                404: components["responses"]["Error"];
                409: components["responses"]["Error"];
                429: components["responses"]["Error"];
                503: components["responses"]["Error"];
            };
        };
        put?: never;
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /** @enum {string} */
                        plan: "annual";
                    };
                };
            };
            responses: {
                /** @description Default Response */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            orderId: string;
                            amountFen: number;
                        };
                    };
                };
                400: components["responses"]["Error"];
                401: components["responses"]["Error"];
                403: components["responses"]["Error"];
                404: components["responses"]["Error"];
                409: components["responses"]["Error"];
                429: components["responses"]["Error"];
                503: components["responses"]["Error"];
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/me/membership/savings": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** @description What the membership would save the caller, from her own paid orders of the last windowDays days: each line's member discount, or (unit price − member price) × quantity where the deal had a lower member price; yearFen scales it to a year; monthlyPackFen is the face value of the amount coupons in a month's member pack. */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            priceFen: number;
                            windowDays: number;
                            orders: number;
                            lines: number;
                            savedFen: number;
                            yearFen: number;
                            monthlyPackFen: number;
                        };
                    };
                };
                400: components["responses"]["Error"];
                401: components["responses"]["Error"];
                403: components["responses"]["Error"];
                404: components["responses"]["Error"];
                409: components["responses"]["Error"];
                429: components["responses"]["Error"];
                503: components["responses"]["Error"];
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/me/check-in": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            pointsAwarded: number;
                            streakDays: number;
                        };
                    };
                };
                400: components["responses"]["Error"];
                401: components["responses"]["Error"];
                403: components["responses"]["Error"];
                404: components["responses"]["Error"];
                409: components["responses"]["Error"];
                429: components["responses"]["Error"];
                503: components["responses"]["Error"];
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/me/check-ins": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** @description The caller's check-in days of a month (YYYY-MM; default: the current one), on her region's business days, with today, whether she checked in today and her current streak. */
        get: {
            parameters: {
                query?: {
                    month?: string;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            month: string;
                            today: string;
                            checkedInToday: boolean;
                            streakDays: number;
                            days: string[];
                        };
                    };
                };
                400: components["responses"]["Error"];
                401: components["responses"]["Error"];
                403: components["responses"]["Error"];
                404: components["responses"]["Error"];
                409: components["responses"]["Error"];
                429: components["responses"]["Error"];
                503: components["responses"]["Error"];
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/me/growth": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            growth: number;
                            /** @enum {string} */
                            tier: "bronze" | "silver" | "gold";
                            nextTier: {
                                /** @enum {string} */
                                tier: "bronze" | "silver" | "gold";
                                growthNeeded: number;
                            } | null;
                            member: boolean;
                            birthday: string | null;
                        };
                    };
                };
                400: components["responses"]["Error"];
                401: components["responses"]["Error"];
                403: components["responses"]["Error"];
                404: components["responses"]["Error"];
                409: components["responses"]["Error"];
                429: components["responses"]["Error"];
                503: components["responses"]["Error"];
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/me/profile": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /** Format: date */
                        birthday: string | null;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @enum {boolean} */
                            ok: true;
                        };
                    };
                };
                400: components["responses"]["Error"];
                401: components["responses"]["Error"];
                403: components["responses"]["Error"];
                404: components["responses"]["Error"];
                409: components["responses"]["Error"];
                429: components["responses"]["Error"];
                503: components["responses"]["Error"];
            };
        };
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/me/shares": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /** Format: uuid */
                        campaignItemId: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            growthAwarded: number;
                        };
                    };
                };
                400: components["responses"]["Error"];
                401: components["responses"]["Error"];
                403: components["responses"]["Error"];
                404: components["responses"]["Error"];
                409: components["responses"]["Error"];
                429: components["responses"]["Error"];
                503: components["responses"]["Error"];
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/admin/members": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** @description Paying members, latest membership end first, a page at a time (the next page: the X-Next-Cursor header). */
        get: {
            parameters: {
                query?: {
                    /** @description The previous page's X-Next-Cursor header; absent for the first page */
                    cursor?: string;
                    /** @description Rows per page, 50 unless given, at most 200 */
                    limit?: number;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        /** @description The cursor of the next page (pass it as `cursor`); absent on the last page */
                        "X-Next-Cursor"?: string;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            userId: string;
                            phone: string;
                            name: string;
                            activeUntil: string;
                            growth: number;
                            /** @enum {string} */
                            tier: "bronze" | "silver" | "gold";
                        }[];
                    };
                };
                400: components["responses"]["Error"];
                401: components["responses"]["Error"];
                403: components["responses"]["Error"];
                404: components["responses"]["Error"];
                409: components["responses"]["Error"];
                429: components["responses"]["Error"];
                503: components["responses"]["Error"];
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/admin/points/report": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            byReason: {
                                reason: string;
                                issued: number;
                                taken: number;
                                entries: number;
                            }[];
                            issued: number;
                            taken: number;
                            outstanding: number;
                            holders: number;
                        };
                    };
                };
                400: components["responses"]["Error"];
                401: components["responses"]["Error"];
                403: components["responses"]["Error"];
                404: components["responses"]["Error"];
                409: components["responses"]["Error"];
                429: components["responses"]["Error"];
                503: components["responses"]["Error"];
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/admin/referrals": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: {
            parameters: {
                query?: {
                    month?: string;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            inviterId: string;
                            phone: string;
                            name: string;
                            rewarded: number;
                            capped: number;
                            ineligible: number;
                            pointsEachSide: number;
                            firstOrders: number;
                            gmvFen: number;
                        }[];
                    };
                };
                400: components["responses"]["Error"];
                401: components["responses"]["Error"];
                403: components["responses"]["Error"];
                404: components["responses"]["Error"];
                409: components["responses"]["Error"];
                429: components["responses"]["Error"];
                503: components["responses"]["Error"];
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/admin/members/coupon-templates": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            templateId: string;
                            /** @enum {string} */
                            purpose: "monthly_pack" | "birthday" | "referral";
                            name: string;
                        }[];
                    };
                };
                400: components["responses"]["Error"];
                401: components["responses"]["Error"];
                403: components["responses"]["Error"];
                404: components["responses"]["Error"];
                409: components["responses"]["Error"];
                429: components["responses"]["Error"];
                503: components["responses"]["Error"];
            };
        };
        put?: never;
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /** Format: uuid */
                        templateId: string;
                        /** @enum {string} */
                        purpose: "monthly_pack" | "birthday" | "referral";
                    };
                };
            };
            responses: {
                /** @description Default Response */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @enum {boolean} */
                            ok: true;
                        };
                    };
                };
                400: components["responses"]["Error"];
                401: components["responses"]["Error"];
                403: components["responses"]["Error"];
                404: components["responses"]["Error"];
                409: components["responses"]["Error"];
                429: components["responses"]["Error"];
                503: components["responses"]["Error"];
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/admin/members/coupon-templates/{purpose}/{templateId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        /** @description Stop granting a template for this purpose; coupons already granted stay. 404 when it was not marked. */
        delete: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    purpose: "monthly_pack" | "birthday" | "referral";
                    templateId: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @enum {boolean} */
                            ok: true;
                        };
                    };
                };
                400: components["responses"]["Error"];
                401: components["responses"]["Error"];
                403: components["responses"]["Error"];
                404: components["responses"]["Error"];
                409: components["responses"]["Error"];
                429: components["responses"]["Error"];
                503: components["responses"]["Error"];
            };
        };
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/orders/{id}/review": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** @description Review a completed order's line (`orderLineId`, with up to 6 photos uploaded to /me/review-photos), or without `orderLineId` every line not reviewed yet. One review per line: 409 CONFLICT when it has one. The order's first review earns the review points and growth; `pointsAwarded` is 0 after that. */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        rating: number;
                        text?: string;
                        /** Format: uuid */
                        orderLineId?: string;
                        photoIds?: string[];
                    };
                };
            };
            responses: {
                /** @description Default Response */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            reviewIds: string[];
                            pointsAwarded: number;
                            growthAwarded: number;
                        };
                    };
                };
                400: components["responses"]["Error"];
                401: components["responses"]["Error"];
                403: components["responses"]["Error"];
                404: components["responses"]["Error"];
                409: components["responses"]["Error"];
                429: components["responses"]["Error"];
                503: components["responses"]["Error"];
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/orders/{id}/reviews": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** @description The customer's reviews of their order, a row per reviewed line (hidden ones too). */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            id: string;
                            orderLineId: string;
                            rating: number;
                            text: string | null;
                            hidden: boolean;
                            photos: {
                                id: string;
                                url: string;
                                thumbUrl: string;
                                width: number;
                                height: number;
                            }[];
                            createdAt: string;
                        }[];
                    };
                };
                400: components["responses"]["Error"];
                401: components["responses"]["Error"];
                403: components["responses"]["Error"];
                404: components["responses"]["Error"];
                409: components["responses"]["Error"];
                429: components["responses"]["Error"];
                503: components["responses"]["Error"];
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/products/{id}/reviews": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** @description A product's reviews shown in the shop, newest first, a page at a time (the next page: X-Next-Cursor); names masked (王*), hidden reviews left out. */
        get: {
            parameters: {
                query?: {
                    /** @description The previous page's X-Next-Cursor header; absent for the first page */
                    cursor?: string;
                    /** @description Rows per page, 50 unless given, at most 200 */
                    limit?: number;
                };
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        /** @description The cursor of the next page (pass it as `cursor`); absent on the last page */
                        "X-Next-Cursor"?: string;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            id: string;
                            rating: number;
                            text: string | null;
                            name: string;
                            photos: {
                                id: string;
                                url: string;
                                thumbUrl: string;
                                width: number;
                                height: number;
                            }[];
                            createdAt: string;
                        }[];
                    };
                };
                400: components["responses"]["Error"];
                401: components["responses"]["Error"];
                403: components["responses"]["Error"];
                404: components["responses"]["Error"];
                409: components["responses"]["Error"];
                429: components["responses"]["Error"];
                503: components["responses"]["Error"];
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/products/{id}/review-summary": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** @description A product's shown reviews: how many, their average (one decimal; null without reviews), how many of each star (1 to 5) and how many have photos. */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            count: number;
                            average: number | null;
                            stars: number[];
                            withPhotos: number;
                        };
                    };
                };
                400: components["responses"]["Error"];
                401: components["responses"]["Error"];
                403: components["responses"]["Error"];
                404: components["responses"]["Error"];
                409: components["responses"]["Error"];
                429: components["responses"]["Error"];
                503: components["responses"]["Error"];
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/admin/reviews": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** @description Reviews of the operator's regions, newest first, a page at a time (X-Next-Cursor): `hidden` true or false to see only those, `maxRating` for the low ones, `productId` for one product. */
        get: {
            parameters: {
                query?: {
                    /** @description The previous page's X-Next-Cursor header; absent for the first page */
                    cursor?: string;
                    /** @description Rows per page, 50 unless given, at most 200 */
                    limit?: number;
                    hidden?: "true" | "false";
                    maxRating?: number;
                    productId?: string;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        /** @description The cursor of the next page (pass it as `cursor`); absent on the last page */
                        "X-Next-Cursor"?: string;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            id: string;
                            orderId: string;
                            orderLineId: string;
                            productId: string;
                            productName: string;
                            supplierName: string | null;
                            regionId: string;
                            rating: number;
                            text: string | null;
                            customerName: string;
                            /** @description masked: 138****5678 */
                            customerPhone: string;
                            photos: {
                                id: string;
                                url: string;
                                thumbUrl: string;
                                width: number;
                                height: number;
                            }[];
                            hidden: boolean;
                            hiddenReason: string | null;
                            createdAt: string;
                        }[];
                    };
                };
                400: components["responses"]["Error"];
                401: components["responses"]["Error"];
                403: components["responses"]["Error"];
                404: components["responses"]["Error"];
                409: components["responses"]["Error"];
                429: components["responses"]["Error"];
                503: components["responses"]["Error"];
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/admin/reviews/{id}/hide": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** @description Hide a review from the shop, with the reason the customer service or operator gives (409 when it is hidden already). The customer's points stay. */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        reason: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            id: string;
                            orderId: string;
                            orderLineId: string;
                            productId: string;
                            productName: string;
                            supplierName: string | null;
                            regionId: string;
                            rating: number;
                            text: string | null;
                            customerName: string;
                            /** @description masked: 138****5678 */
                            customerPhone: string;
                            photos: {
                                id: string;
                                url: string;
                                thumbUrl: string;
                                width: number;
                                height: number;
                            }[];
                            hidden: boolean;
                            hiddenReason: string | null;
                            createdAt: string;
                        };
                    };
                };
                400: components["responses"]["Error"];
                401: components["responses"]["Error"];
                403: components["responses"]["Error"];
                404: components["responses"]["Error"];
                409: components["responses"]["Error"];
                429: components["responses"]["Error"];
                503: components["responses"]["Error"];
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/admin/reviews/{id}/show": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** @description Show a hidden review in the shop again (409 when it is not hidden). */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            id: string;
                            orderId: string;
                            orderLineId: string;
                            productId: string;
                            productName: string;
                            supplierName: string | null;
                            regionId: string;
                            rating: number;
                            text: string | null;
                            customerName: string;
                            /** @description masked: 138****5678 */
                            customerPhone: string;
                            photos: {
                                id: string;
                                url: string;
                                thumbUrl: string;
                                width: number;
                                height: number;
                            }[];
                            hidden: boolean;
                            hiddenReason: string | null;
                            createdAt: string;
                        };
                    };
                };
                400: components["responses"]["Error"];
                401: components["responses"]["Error"];
                403: components["responses"]["Error"];
                404: components["responses"]["Error"];
                409: components["responses"]["Error"];
                429: components["responses"]["Error"];
                503: components["responses"]["Error"];
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/admin/reviews/report": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** @description Reviews written in the last `days` days per product or per supplier (`by`): how many (hidden ones included), their average, the low ones (1–2 stars), those with photos and those hidden; most reviewed first. */
        get: {
            parameters: {
                query?: {
                    by?: "product" | "supplier";
                    days?: number;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            key: string;
                            name: string;
                            reviews: number;
                            average: number | null;
                            /** @description reviews of 1 or 2 stars */
                            low: number;
                            withPhotos: number;
                            hidden: number;
                        }[];
                    };
                };
                400: components["responses"]["Error"];
                401: components["responses"]["Error"];
                403: components["responses"]["Error"];
                404: components["responses"]["Error"];
                409: components["responses"]["Error"];
                429: components["responses"]["Error"];
                503: components["responses"]["Error"];
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/admin/reviews/report.xlsx": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** @description The review report as .xlsx. */
        get: {
            parameters: {
                query?: {
                    by?: "product" | "supplier";
                    days?: number;
                    lang?: "zh-CN" | "en";
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description an .xlsx file (application/vnd.openxmlformats-officedocument.spreadsheetml.sheet) */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": unknown;
                    };
                };
                400: components["responses"]["Error"];
                401: components["responses"]["Error"];
                403: components["responses"]["Error"];
                404: components["responses"]["Error"];
                409: components["responses"]["Error"];
                429: components["responses"]["Error"];
                503: components["responses"]["Error"];
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/tickets": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** @description Open a ticket (联系客服) about an order of mine or on its own: the category decides the team and the promised times (first response, plan, close), counted in the service desk’s hours in the city’s time zone. */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /** @enum {string} */
                        category: "presale" | "order" | "quality" | "description_mismatch" | "missing_goods" | "logistics_delay" | "system_fault" | "complaint" | "other";
                        text: string;
                        /** Format: uuid */
                        orderId?: string;
                        photoIds?: string[];
                    };
                };
            };
            responses: {
                /** @description Default Response */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            id: string;
                            /** @description GD + the day + a running number */
                            number: string;
                            /** @enum {string} */
                            category: "presale" | "order" | "quality" | "description_mismatch" | "missing_goods" | "logistics_delay" | "system_fault" | "complaint" | "other";
                            /** @enum {string} */
                            team: "presale" | "aftersales" | "logistics" | "technical" | "escalation";
                            /** @enum {string} */
                            status: "open" | "in_progress" | "waiting_customer" | "resolved" | "closed";
                            text: string;
                            orderId: string | null;
                            orderNumber: string | null;
                            /** @description the promised times and where each stands */
                            clocks: {
                                firstResponse: {
                                    dueAt: string;
                                    metAt: string | null;
                                    /** @description past due without being met, or met late */
                                    breached: boolean;
                                };
                                plan: {
                                    dueAt: string;
                                    metAt: string | null;
                                    /** @description past due without being met, or met late */
                                    breached: boolean;
                                };
                                close: {
                                    dueAt: string;
                                    metAt: string | null;
                                    /** @description past due without being met, or met late */
                                    breached: boolean;
                                };
                            };
                            rating: number | null;
                            createdAt: string;
                            updatedAt: string;
                            events: {
                                id: number;
                                /** @description opened, message (the opener), reply, ask, plan, note (staff only), assigned, resolved, reopened, rated, breached, claim, refund_approved, refund_rejected */
                                kind: string;
                                /** @enum {string} */
                                actorRole: "customer" | "leader" | "agent" | "system";
                                /** @description the agent's name, for staff only */
                                actorName: string | null;
                                body: string | null;
                                details: {
                                    [key: string]: unknown;
                                } | null;
                                at: string;
                                photos: {
                                    id: string;
                                    url: string;
                                    thumbUrl: string;
                                    width: number;
                                    height: number;
                                }[];
                            }[];
                        };
                    };
                };
                400: components["responses"]["Error"];
                401: components["responses"]["Error"];
                403: components["responses"]["Error"];
                404: components["responses"]["Error"];
                409: components["responses"]["Error"];
                429: components["responses"]["Error"];
                503: components["responses"]["Error"];
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/me/tickets": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** @description My tickets as a customer, newest first, a page at a time (X-Next-Cursor). */
        get: {
            parameters: {
                query?: {
                    /** @description The previous page's X-Next-Cursor header; absent for the first page */
                    cursor?: string;
                    /** @description Rows per page, 50 unless given, at most 200 */
                    limit?: number;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        /** @description The cursor of the next page (pass it as `cursor`); absent on the last page */
                        "X-Next-Cursor"?: string;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            id: string;
                            /** @description GD + the day + a running number */
                            number: string;
                            /** @enum {string} */
                            category: "presale" | "order" | "quality" | "description_mismatch" | "missing_goods" | "logistics_delay" | "system_fault" | "complaint" | "other";
                            /** @enum {string} */
                            team: "presale" | "aftersales" | "logistics" | "technical" | "escalation";
                            /** @enum {string} */
                            status: "open" | "in_progress" | "waiting_customer" | "resolved" | "closed";
                            text: string;
                            orderId: string | null;
                            orderNumber: string | null;
                            /** @description the promised times and where each stands */
                            clocks: {
                                firstResponse: {
                                    dueAt: string;
                                    metAt: string | null;
                                    /** @description past due without being met, or met late */
                                    breached: boolean;
                                };
                                plan: {
                                    dueAt: string;
                                    metAt: string | null;
                                    /** @description past due without being met, or met late */
                                    breached: boolean;
                                };
                                close: {
                                    dueAt: string;
                                    metAt: string | null;
                                    /** @description past due without being met, or met late */
                                    breached: boolean;
                                };
                            };
                            rating: number | null;
                            createdAt: string;
                            updatedAt: string;
                        }[];
                    };
                };
                400: components["responses"]["Error"];
                401: components["responses"]["Error"];
                403: components["responses"]["Error"];
                404: components["responses"]["Error"];
                409: components["responses"]["Error"];
                429: components["responses"]["Error"];
                503: components["responses"]["Error"];
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/leader/tickets": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** @description The tickets the leader opened, newest first, a page at a time (X-Next-Cursor). */
        get: {
            parameters: {
                query?: {
                    /** @description The previous page's X-Next-Cursor header; absent for the first page */
                    cursor?: string;
                    /** @description Rows per page, 50 unless given, at most 200 */
                    limit?: number;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        /** @description The cursor of the next page (pass it as `cursor`); absent on the last page */
                        "X-Next-Cursor"?: string;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            id: string;
                            /** @description GD + the day + a running number */
                            number: string;
                            /** @enum {string} */
                            category: "presale" | "order" | "quality" | "description_mismatch" | "missing_goods" | "logistics_delay" | "system_fault" | "complaint" | "other";
                            /** @enum {string} */
                            team: "presale" | "aftersales" | "logistics" | "technical" | "escalation";
                            /** @enum {string} */
                            status: "open" | "in_progress" | "waiting_customer" | "resolved" | "closed";
                            text: string;
                            orderId: string | null;
                            orderNumber: string | null;
                            /** @description the promised times and where each stands */
                            clocks: {
                                firstResponse: {
                                    dueAt: string;
                                    metAt: string | null;
                                    /** @description past due without being met, or met late */
                                    breached: boolean;
                                };
                                plan: {
                                    dueAt: string;
                                    metAt: string | null;
                                    /** @description past due without being met, or met late */
                                    breached: boolean;
                                };
                                close: {
                                    dueAt: string;
                                    metAt: string | null;
                                    /** @description past due without being met, or met late */
                                    breached: boolean;
                                };
                            };
                            rating: number | null;
                            createdAt: string;
                            updatedAt: string;
                        }[];
                    };
                };
                400: components["responses"]["Error"];
                401: components["responses"]["Error"];
                403: components["responses"]["Error"];
                404: components["responses"]["Error"];
                409: components["responses"]["Error"];
                429: components["responses"]["Error"];
                503: components["responses"]["Error"];
            };
        };
        put?: never;
        /** @description A leader opens a ticket from the leader app: a delivery problem, missing goods, a system fault (or other), optionally about an order of the pickup point. */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /** @enum {string} */
                        category: "logistics_delay" | "missing_goods" | "system_fault" | "other";
                        text: string;
                        /** Format: uuid */
                        orderId?: string;
                        photoIds?: string[];
                    };
                };
            };
            responses: {
                /** @description Default Response */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            id: string;
                            /** @description GD + the day + a running number */
                            number: string;
                            /** @enum {string} */
                            category: "presale" | "order" | "quality" | "description_mismatch" | "missing_goods" | "logistics_delay" | "system_fault" | "complaint" | "other";
                            /** @enum {string} */
                            team: "presale" | "aftersales" | "logistics" | "technical" | "escalation";
                            /** @enum {string} */
                            status: "open" | "in_progress" | "waiting_customer" | "resolved" | "closed";
                            text: string;
                            orderId: string | null;
                            orderNumber: string | null;
                            /** @description the promised times and where each stands */
                            clocks: {
                                firstResponse: {
                                    dueAt: string;
                                    metAt: string | null;
                                    /** @description past due without being met, or met late */
                                    breached: boolean;
                                };
                                plan: {
                                    dueAt: string;
                                    metAt: string | null;
                                    /** @description past due without being met, or met late */
                                    breached: boolean;
                                };
                                close: {
                                    dueAt: string;
                                    metAt: string | null;
                                    /** @description past due without being met, or met late */
                                    breached: boolean;
                                };
                            };
                            rating: number | null;
                            createdAt: string;
                            updatedAt: string;
                            events: {
                                id: number;
                                /** @description opened, message (the opener), reply, ask, plan, note (staff only), assigned, resolved, reopened, rated, breached, claim, refund_approved, refund_rejected */
                                kind: string;
                                /** @enum {string} */
                                actorRole: "customer" | "leader" | "agent" | "system";
                                /** @description the agent's name, for staff only */
                                actorName: string | null;
                                body: string | null;
                                details: {
                                    [key: string]: unknown;
                                } | null;
                                at: string;
                                photos: {
                                    id: string;
                                    url: string;
                                    thumbUrl: string;
                                    width: number;
                                    height: number;
                                }[];
                            }[];
                        };
                    };
                };
                400: components["responses"]["Error"];
                401: components["responses"]["Error"];
                403: components["responses"]["Error"];
                404: components["responses"]["Error"];
                409: components["responses"]["Error"];
                429: components["responses"]["Error"];
                503: components["responses"]["Error"];
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/tickets/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** @description My ticket with its timeline (the service desk’s internal notes left out) and promised times. */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            id: string;
                            /** @description GD + the day + a running number */
                            number: string;
                            /** @enum {string} */
                            category: "presale" | "order" | "quality" | "description_mismatch" | "missing_goods" | "logistics_delay" | "system_fault" | "complaint" | "other";
                            /** @enum {string} */
                            team: "presale" | "aftersales" | "logistics" | "technical" | "escalation";
                            /** @enum {string} */
                            status: "open" | "in_progress" | "waiting_customer" | "resolved" | "closed";
                            text: string;
                            orderId: string | null;
                            orderNumber: string | null;
                            /** @description the promised times and where each stands */
                            clocks: {
                                firstResponse: {
                                    dueAt: string;
                                    metAt: string | null;
                                    /** @description past due without being met, or met late */
                                    breached: boolean;
                                };
                                plan: {
                                    dueAt: string;
                                    metAt: string | null;
                                    /** @description past due without being met, or met late */
                                    breached: boolean;
                                };
                                close: {
                                    dueAt: string;
                                    metAt: string | null;
                                    /** @description past due without being met, or met late */
                                    breached: boolean;
                                };
                            };
                            rating: number | null;
                            createdAt: string;
                            updatedAt: string;
                            events: {
                                id: number;
                                /** @description opened, message (the opener), reply, ask, plan, note (staff only), assigned, resolved, reopened, rated, breached, claim, refund_approved, refund_rejected */
                                kind: string;
                                /** @enum {string} */
                                actorRole: "customer" | "leader" | "agent" | "system";
                                /** @description the agent's name, for staff only */
                                actorName: string | null;
                                body: string | null;
                                details: {
                                    [key: string]: unknown;
                                } | null;
                                at: string;
                                photos: {
                                    id: string;
                                    url: string;
                                    thumbUrl: string;
                                    width: number;
                                    height: number;
                                }[];
                            }[];
                        };
                    };
                };
                400: components["responses"]["Error"];
                401: components["responses"]["Error"];
                403: components["responses"]["Error"];
                404: components["responses"]["Error"];
                409: components["responses"]["Error"];
                429: components["responses"]["Error"];
                503: components["responses"]["Error"];
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/tickets/{id}/photos/{photoId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** @description A photo of a ticket, for its opener and the service desk of its city (`size=thumb`: 240 px). */
        get: {
            parameters: {
                query?: {
                    size?: "thumb" | "full";
                };
                header?: never;
                path: {
                    id: string;
                    photoId: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description image/webp */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": unknown;
                    };
                };
                400: components["responses"]["Error"];
                401: components["responses"]["Error"];
                403: components["responses"]["Error"];
                404: components["responses"]["Error"];
                409: components["responses"]["Error"];
                429: components["responses"]["Error"];
                503: components["responses"]["Error"];
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/tickets/{id}/messages": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** @description The opener writes on their ticket (an answer to the desk’s question sends it back to the agents). */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        text: string;
                        photoIds?: string[];
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @enum {boolean} */
                            ok: true;
                        };
                    };
                };
                400: components["responses"]["Error"];
                401: components["responses"]["Error"];
                403: components["responses"]["Error"];
                404: components["responses"]["Error"];
                409: components["responses"]["Error"];
                429: components["responses"]["Error"];
                503: components["responses"]["Error"];
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/tickets/{id}/rate": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** @description Rate the resolution (1–5, with a comment) of a resolved ticket, which closes it; once (409 after). */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        rating: number;
                        comment?: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @enum {boolean} */
                            ok: true;
                        };
                    };
                };
                400: components["responses"]["Error"];
                401: components["responses"]["Error"];
                403: components["responses"]["Error"];
                404: components["responses"]["Error"];
                409: components["responses"]["Error"];
                429: components["responses"]["Error"];
                503: components["responses"]["Error"];
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/tickets/{id}/reopen": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** @description Reopen my resolved or closed ticket within 7 days of its resolution (409 otherwise). */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        text?: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @enum {boolean} */
                            ok: true;
                        };
                    };
                };
                400: components["responses"]["Error"];
                401: components["responses"]["Error"];
                403: components["responses"]["Error"];
                404: components["responses"]["Error"];
                409: components["responses"]["Error"];
                429: components["responses"]["Error"];
                503: components["responses"]["Error"];
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/admin/tickets": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** @description The service queue, newest first, a page at a time (X-Next-Cursor): `status` (active = not resolved or closed), `team`, `assignee` (me, none), `escalated`, `q` (a ticket number, LL order number or phone). */
        get: {
            parameters: {
                query?: {
                    /** @description The previous page's X-Next-Cursor header; absent for the first page */
                    cursor?: string;
                    /** @description Rows per page, 50 unless given, at most 200 */
                    limit?: number;
                    status?: "active" | "open" | "in_progress" | "waiting_customer" | "resolved" | "closed";
                    team?: "presale" | "aftersales" | "logistics" | "technical" | "escalation";
                    assignee?: "me" | "none";
                    escalated?: "true" | "false";
                    q?: string;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        /** @description The cursor of the next page (pass it as `cursor`); absent on the last page */
                        "X-Next-Cursor"?: string;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            id: string;
                            /** @description GD + the day + a running number */
                            number: string;
                            /** @enum {string} */
                            category: "presale" | "order" | "quality" | "description_mismatch" | "missing_goods" | "logistics_delay" | "system_fault" | "complaint" | "other";
                            /** @enum {string} */
                            team: "presale" | "aftersales" | "logistics" | "technical" | "escalation";
                            /** @enum {string} */
                            status: "open" | "in_progress" | "waiting_customer" | "resolved" | "closed";
                            text: string;
                            orderId: string | null;
                            orderNumber: string | null;
                            /** @description the promised times and where each stands */
                            clocks: {
                                firstResponse: {
                                    dueAt: string;
                                    metAt: string | null;
                                    /** @description past due without being met, or met late */
                                    breached: boolean;
                                };
                                plan: {
                                    dueAt: string;
                                    metAt: string | null;
                                    /** @description past due without being met, or met late */
                                    breached: boolean;
                                };
                                close: {
                                    dueAt: string;
                                    metAt: string | null;
                                    /** @description past due without being met, or met late */
                                    breached: boolean;
                                };
                            };
                            rating: number | null;
                            createdAt: string;
                            updatedAt: string;
                            regionId: string;
                            /** @enum {string} */
                            openerRole: "customer" | "leader";
                            openerName: string;
                            /** @description masked: 138****5678 */
                            openerPhone: string;
                            assigneeId: string | null;
                            assigneeName: string | null;
                            refundId: string | null;
                            escalated: boolean;
                        }[];
                    };
                };
                400: components["responses"]["Error"];
                401: components["responses"]["Error"];
                403: components["responses"]["Error"];
                404: components["responses"]["Error"];
                409: components["responses"]["Error"];
                429: components["responses"]["Error"];
                503: components["responses"]["Error"];
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/admin/tickets/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** @description A ticket with its whole timeline, internal notes included. */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            id: string;
                            /** @description GD + the day + a running number */
                            number: string;
                            /** @enum {string} */
                            category: "presale" | "order" | "quality" | "description_mismatch" | "missing_goods" | "logistics_delay" | "system_fault" | "complaint" | "other";
                            /** @enum {string} */
                            team: "presale" | "aftersales" | "logistics" | "technical" | "escalation";
                            /** @enum {string} */
                            status: "open" | "in_progress" | "waiting_customer" | "resolved" | "closed";
                            text: string;
                            orderId: string | null;
                            orderNumber: string | null;
                            /** @description the promised times and where each stands */
                            clocks: {
                                firstResponse: {
                                    dueAt: string;
                                    metAt: string | null;
                                    /** @description past due without being met, or met late */
                                    breached: boolean;
                                };
                                plan: {
                                    dueAt: string;
                                    metAt: string | null;
                                    /** @description past due without being met, or met late */
                                    breached: boolean;
                                };
                                close: {
                                    dueAt: string;
                                    metAt: string | null;
                                    /** @description past due without being met, or met late */
                                    breached: boolean;
                                };
                            };
                            rating: number | null;
                            createdAt: string;
                            updatedAt: string;
                            regionId: string;
                            /** @enum {string} */
                            openerRole: "customer" | "leader";
                            openerName: string;
                            /** @description masked: 138****5678 */
                            openerPhone: string;
                            assigneeId: string | null;
                            assigneeName: string | null;
                            refundId: string | null;
                            escalated: boolean;
                            ratingComment: string | null;
                            events: {
                                id: number;
                                /** @description opened, message (the opener), reply, ask, plan, note (staff only), assigned, resolved, reopened, rated, breached, claim, refund_approved, refund_rejected */
                                kind: string;
                                /** @enum {string} */
                                actorRole: "customer" | "leader" | "agent" | "system";
                                /** @description the agent's name, for staff only */
                                actorName: string | null;
                                body: string | null;
                                details: {
                                    [key: string]: unknown;
                                } | null;
                                at: string;
                                photos: {
                                    id: string;
                                    url: string;
                                    thumbUrl: string;
                                    width: number;
                                    height: number;
                                }[];
                            }[];
                        };
                    };
                };
                400: components["responses"]["Error"];
                401: components["responses"]["Error"];
                403: components["responses"]["Error"];
                404: components["responses"]["Error"];
                409: components["responses"]["Error"];
                429: components["responses"]["Error"];
                503: components["responses"]["Error"];
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/admin/tickets/{id}/assign": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** @description Give the ticket to an agent of its city (`assigneeId`), or to nobody (null). */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /** Format: uuid */
                        assigneeId: string | null;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            id: string;
                            /** @description GD + the day + a running number */
                            number: string;
                            /** @enum {string} */
                            category: "presale" | "order" | "quality" | "description_mismatch" | "missing_goods" | "logistics_delay" | "system_fault" | "complaint" | "other";
                            /** @enum {string} */
                            team: "presale" | "aftersales" | "logistics" | "technical" | "escalation";
                            /** @enum {string} */
                            status: "open" | "in_progress" | "waiting_customer" | "resolved" | "closed";
                            text: string;
                            orderId: string | null;
                            orderNumber: string | null;
                            /** @description the promised times and where each stands */
                            clocks: {
                                firstResponse: {
                                    dueAt: string;
                                    metAt: string | null;
                                    /** @description past due without being met, or met late */
                                    breached: boolean;
                                };
                                plan: {
                                    dueAt: string;
                                    metAt: string | null;
                                    /** @description past due without being met, or met late */
                                    breached: boolean;
                                };
                                close: {
                                    dueAt: string;
                                    metAt: string | null;
                                    /** @description past due without being met, or met late */
                                    breached: boolean;
                                };
                            };
                            rating: number | null;
                            createdAt: string;
                            updatedAt: string;
                            regionId: string;
                            /** @enum {string} */
                            openerRole: "customer" | "leader";
                            openerName: string;
                            /** @description masked: 138****5678 */
                            openerPhone: string;
                            assigneeId: string | null;
                            assigneeName: string | null;
                            refundId: string | null;
                            escalated: boolean;
                            ratingComment: string | null;
                            events: {
                                id: number;
                                /** @description opened, message (the opener), reply, ask, plan, note (staff only), assigned, resolved, reopened, rated, breached, claim, refund_approved, refund_rejected */
                                kind: string;
                                /** @enum {string} */
                                actorRole: "customer" | "leader" | "agent" | "system";
                                /** @description the agent's name, for staff only */
                                actorName: string | null;
                                body: string | null;
                                details: {
                                    [key: string]: unknown;
                                } | null;
                                at: string;
                                photos: {
                                    id: string;
                                    url: string;
                                    thumbUrl: string;
                                    width: number;
                                    height: number;
                                }[];
                            }[];
                        };
                    };
                };
                400: components["responses"]["Error"];
                401: components["responses"]["Error"];
                403: components["responses"]["Error"];
                404: components["responses"]["Error"];
                409: components["responses"]["Error"];
                429: components["responses"]["Error"];
                503: components["responses"]["Error"];
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/admin/tickets/{id}/messages": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** @description Write on the ticket: `reply`, `ask` (a question; the ticket waits for the customer), `plan` (方案; meets the plan clock) or `note` (internal). The first reply, ask or plan meets the first-response clock; the opener is told. */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /** @enum {string} */
                        kind: "reply" | "ask" | "plan" | "note";
                        text: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            id: string;
                            /** @description GD + the day + a running number */
                            number: string;
                            /** @enum {string} */
                            category: "presale" | "order" | "quality" | "description_mismatch" | "missing_goods" | "logistics_delay" | "system_fault" | "complaint" | "other";
                            /** @enum {string} */
                            team: "presale" | "aftersales" | "logistics" | "technical" | "escalation";
                            /** @enum {string} */
                            status: "open" | "in_progress" | "waiting_customer" | "resolved" | "closed";
                            text: string;
                            orderId: string | null;
                            orderNumber: string | null;
                            /** @description the promised times and where each stands */
                            clocks: {
                                firstResponse: {
                                    dueAt: string;
                                    metAt: string | null;
                                    /** @description past due without being met, or met late */
                                    breached: boolean;
                                };
                                plan: {
                                    dueAt: string;
                                    metAt: string | null;
                                    /** @description past due without being met, or met late */
                                    breached: boolean;
                                };
                                close: {
                                    dueAt: string;
                                    metAt: string | null;
                                    /** @description past due without being met, or met late */
                                    breached: boolean;
                                };
                            };
                            rating: number | null;
                            createdAt: string;
                            updatedAt: string;
                            regionId: string;
                            /** @enum {string} */
                            openerRole: "customer" | "leader";
                            openerName: string;
                            /** @description masked: 138****5678 */
                            openerPhone: string;
                            assigneeId: string | null;
                            assigneeName: string | null;
                            refundId: string | null;
                            escalated: boolean;
                            ratingComment: string | null;
                            events: {
                                id: number;
                                /** @description opened, message (the opener), reply, ask, plan, note (staff only), assigned, resolved, reopened, rated, breached, claim, refund_approved, refund_rejected */
                                kind: string;
                                /** @enum {string} */
                                actorRole: "customer" | "leader" | "agent" | "system";
                                /** @description the agent's name, for staff only */
                                actorName: string | null;
                                body: string | null;
                                details: {
                                    [key: string]: unknown;
                                } | null;
                                at: string;
                                photos: {
                                    id: string;
                                    url: string;
                                    thumbUrl: string;
                                    width: number;
                                    height: number;
                                }[];
                            }[];
                        };
                    };
                };
                400: components["responses"]["Error"];
                401: components["responses"]["Error"];
                403: components["responses"]["Error"];
                404: components["responses"]["Error"];
                409: components["responses"]["Error"];
                429: components["responses"]["Error"];
                503: components["responses"]["Error"];
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/admin/tickets/{id}/resolve": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** @description Resolve the ticket with what was done; the opener is told and may rate it or reopen it within 7 days. */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        text: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            id: string;
                            /** @description GD + the day + a running number */
                            number: string;
                            /** @enum {string} */
                            category: "presale" | "order" | "quality" | "description_mismatch" | "missing_goods" | "logistics_delay" | "system_fault" | "complaint" | "other";
                            /** @enum {string} */
                            team: "presale" | "aftersales" | "logistics" | "technical" | "escalation";
                            /** @enum {string} */
                            status: "open" | "in_progress" | "waiting_customer" | "resolved" | "closed";
                            text: string;
                            orderId: string | null;
                            orderNumber: string | null;
                            /** @description the promised times and where each stands */
                            clocks: {
                                firstResponse: {
                                    dueAt: string;
                                    metAt: string | null;
                                    /** @description past due without being met, or met late */
                                    breached: boolean;
                                };
                                plan: {
                                    dueAt: string;
                                    metAt: string | null;
                                    /** @description past due without being met, or met late */
                                    breached: boolean;
                                };
                                close: {
                                    dueAt: string;
                                    metAt: string | null;
                                    /** @description past due without being met, or met late */
                                    breached: boolean;
                                };
                            };
                            rating: number | null;
                            createdAt: string;
                            updatedAt: string;
                            regionId: string;
                            /** @enum {string} */
                            openerRole: "customer" | "leader";
                            openerName: string;
                            /** @description masked: 138****5678 */
                            openerPhone: string;
                            assigneeId: string | null;
                            assigneeName: string | null;
                            refundId: string | null;
                            escalated: boolean;
                            ratingComment: string | null;
                            events: {
                                id: number;
                                /** @description opened, message (the opener), reply, ask, plan, note (staff only), assigned, resolved, reopened, rated, breached, claim, refund_approved, refund_rejected */
                                kind: string;
                                /** @enum {string} */
                                actorRole: "customer" | "leader" | "agent" | "system";
                                /** @description the agent's name, for staff only */
                                actorName: string | null;
                                body: string | null;
                                details: {
                                    [key: string]: unknown;
                                } | null;
                                at: string;
                                photos: {
                                    id: string;
                                    url: string;
                                    thumbUrl: string;
                                    width: number;
                                    height: number;
                                }[];
                            }[];
                        };
                    };
                };
                400: components["responses"]["Error"];
                401: components["responses"]["Error"];
                403: components["responses"]["Error"];
                404: components["responses"]["Error"];
                409: components["responses"]["Error"];
                429: components["responses"]["Error"];
                503: components["responses"]["Error"];
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/admin/tickets/{id}/reopen": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** @description Reopen a resolved or closed ticket (its promised times stay as they were). */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        text?: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            id: string;
                            /** @description GD + the day + a running number */
                            number: string;
                            /** @enum {string} */
                            category: "presale" | "order" | "quality" | "description_mismatch" | "missing_goods" | "logistics_delay" | "system_fault" | "complaint" | "other";
                            /** @enum {string} */
                            team: "presale" | "aftersales" | "logistics" | "technical" | "escalation";
                            /** @enum {string} */
                            status: "open" | "in_progress" | "waiting_customer" | "resolved" | "closed";
                            text: string;
                            orderId: string | null;
                            orderNumber: string | null;
                            /** @description the promised times and where each stands */
                            clocks: {
                                firstResponse: {
                                    dueAt: string;
                                    metAt: string | null;
                                    /** @description past due without being met, or met late */
                                    breached: boolean;
                                };
                                plan: {
                                    dueAt: string;
                                    metAt: string | null;
                                    /** @description past due without being met, or met late */
                                    breached: boolean;
                                };
                                close: {
                                    dueAt: string;
                                    metAt: string | null;
                                    /** @description past due without being met, or met late */
                                    breached: boolean;
                                };
                            };
                            rating: number | null;
                            createdAt: string;
                            updatedAt: string;
                            regionId: string;
                            /** @enum {string} */
                            openerRole: "customer" | "leader";
                            openerName: string;
                            /** @description masked: 138****5678 */
                            openerPhone: string;
                            assigneeId: string | null;
                            assigneeName: string | null;
                            refundId: string | null;
                            escalated: boolean;
                            ratingComment: string | null;
                            events: {
                                id: number;
                                /** @description opened, message (the opener), reply, ask, plan, note (staff only), assigned, resolved, reopened, rated, breached, claim, refund_approved, refund_rejected */
                                kind: string;
                                /** @enum {string} */
                                actorRole: "customer" | "leader" | "agent" | "system";
                                /** @description the agent's name, for staff only */
                                actorName: string | null;
                                body: string | null;
                                details: {
                                    [key: string]: unknown;
                                } | null;
                                at: string;
                                photos: {
                                    id: string;
                                    url: string;
                                    thumbUrl: string;
                                    width: number;
                                    height: number;
                                }[];
                            }[];
                        };
                    };
                };
                400: components["responses"]["Error"];
                401: components["responses"]["Error"];
                403: components["responses"]["Error"];
                404: components["responses"]["Error"];
                409: components["responses"]["Error"];
                429: components["responses"]["Error"];
                503: components["responses"]["Error"];
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/admin/service/staff": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** @description The customer-service agents and supervisors a ticket of the caller’s cities can be given to. */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            id: string;
                            name: string;
                            roles: string[];
                        }[];
                    };
                };
                400: components["responses"]["Error"];
                401: components["responses"]["Error"];
                403: components["responses"]["Error"];
                404: components["responses"]["Error"];
                409: components["responses"]["Error"];
                429: components["responses"]["Error"];
                503: components["responses"]["Error"];
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/admin/canned-replies": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** @description 话术库: the replies agents pick from; `team` for those of one team and those for every team. */
        get: {
            parameters: {
                query?: {
                    team?: "presale" | "aftersales" | "logistics" | "technical" | "escalation";
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            id: string;
                            /** @enum {string|null} */
                            team: "presale" | "aftersales" | "logistics" | "technical" | "escalation" | null;
                            title: string;
                            body: string;
                            updatedAt: string;
                        }[];
                    };
                };
                400: components["responses"]["Error"];
                401: components["responses"]["Error"];
                403: components["responses"]["Error"];
                404: components["responses"]["Error"];
                409: components["responses"]["Error"];
                429: components["responses"]["Error"];
                503: components["responses"]["Error"];
            };
        };
        put?: never;
        /** @description Add a canned reply (supervisors); 409 when the team has one of this title. */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /**
                         * @description null: for every team
                         * @enum {string|null}
                         */
                        team: "presale" | "aftersales" | "logistics" | "technical" | "escalation" | null;
                        title: string;
                        body: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            id: string;
                        };
                    };
                };
                400: components["responses"]["Error"];
                401: components["responses"]["Error"];
                403: components["responses"]["Error"];
                404: components["responses"]["Error"];
                409: components["responses"]["Error"];
                429: components["responses"]["Error"];
                503: components["responses"]["Error"];
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/admin/canned-replies/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        /** @description Change a canned reply (supervisors). */
        put: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /**
                         * @description null: for every team
                         * @enum {string|null}
                         */
                        team: "presale" | "aftersales" | "logistics" | "technical" | "escalation" | null;
                        title: string;
                        body: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            id: string;
                        };
                    };
                };
                400: components["responses"]["Error"];
                401: components["responses"]["Error"];
                403: components["responses"]["Error"];
                404: components["responses"]["Error"];
                409: components["responses"]["Error"];
                429: components["responses"]["Error"];
                503: components["responses"]["Error"];
            };
        };
        post?: never;
        /** @description Remove a canned reply (supervisors). */
        delete: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @enum {boolean} */
                            ok: true;
                        };
                    };
                };
                400: components["responses"]["Error"];
                401: components["responses"]["Error"];
                403: components["responses"]["Error"];
                404: components["responses"]["Error"];
                409: components["responses"]["Error"];
                429: components["responses"]["Error"];
                503: components["responses"]["Error"];
            };
        };
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/admin/service/report": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** @description Tickets opened in the last `days` days per team or agent: first response and resolution times (minutes, median and 90th percentile), the share of clocks met within the SLA, open ones, satisfaction; and the volume per category. */
        get: {
            parameters: {
                query?: {
                    days?: number;
                    by?: "team" | "agent";
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            rows: {
                                /** @description the team, or the agent’s user id */
                                key: string;
                                name: string | null;
                                tickets: number;
                                open: number;
                                firstResponse: {
                                    count: number;
                                    medianMinutes: number | null;
                                    p90Minutes: number | null;
                                    /** @description share of decided clocks met by their due instant, 0–1 */
                                    withinSla: number | null;
                                };
                                resolution: {
                                    count: number;
                                    medianMinutes: number | null;
                                    p90Minutes: number | null;
                                    /** @description share of decided clocks met by their due instant, 0–1 */
                                    withinSla: number | null;
                                };
                                rated: number;
                                averageRating: number | null;
                            }[];
                            categories: {
                                category: string;
                                tickets: number;
                                open: number;
                                rated: number;
                                averageRating: number | null;
                            }[];
                        };
                    };
                };
                400: components["responses"]["Error"];
                401: components["responses"]["Error"];
                403: components["responses"]["Error"];
                404: components["responses"]["Error"];
                409: components["responses"]["Error"];
                429: components["responses"]["Error"];
                503: components["responses"]["Error"];
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/admin/service/report.xlsx": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** @description The service times report as .xlsx. */
        get: {
            parameters: {
                query?: {
                    days?: number;
                    by?: "team" | "agent";
                    lang?: "zh-CN" | "en";
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description an .xlsx file (application/vnd.openxmlformats-officedocument.spreadsheetml.sheet) */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": unknown;
                    };
                };
                400: components["responses"]["Error"];
                401: components["responses"]["Error"];
                403: components["responses"]["Error"];
                404: components["responses"]["Error"];
                409: components["responses"]["Error"];
                429: components["responses"]["Error"];
                503: components["responses"]["Error"];
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/admin/service/return-reasons": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** @description After-sales claims of the last `days` days per product or supplier: claims, units, money refunded and claims per reason (质量, 描述不符, 物流延迟, 缺件, 发错, 其他); most claimed first. */
        get: {
            parameters: {
                query?: {
                    days?: number;
                    by?: "product" | "supplier";
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            key: string;
                            name: string;
                            claims: number;
                            units: number;
                            refundedFen: number;
                            byReason: {
                                [key: string]: number;
                            };
                        }[];
                    };
                };
                400: components["responses"]["Error"];
                401: components["responses"]["Error"];
                403: components["responses"]["Error"];
                404: components["responses"]["Error"];
                409: components["responses"]["Error"];
                429: components["responses"]["Error"];
                503: components["responses"]["Error"];
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/admin/service/return-reasons.xlsx": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** @description The return reasons as .xlsx. */
        get: {
            parameters: {
                query?: {
                    days?: number;
                    by?: "product" | "supplier";
                    lang?: "zh-CN" | "en";
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description an .xlsx file (application/vnd.openxmlformats-officedocument.spreadsheetml.sheet) */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": unknown;
                    };
                };
                400: components["responses"]["Error"];
                401: components["responses"]["Error"];
                403: components["responses"]["Error"];
                404: components["responses"]["Error"];
                409: components["responses"]["Error"];
                429: components["responses"]["Error"];
                503: components["responses"]["Error"];
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/leader-applications/cities": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** @description The cities one may apply to lead a pickup point in. */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            id: string;
                            name: string;
                        }[];
                    };
                };
                400: components["responses"]["Error"];
                401: components["responses"]["Error"];
                403: components["responses"]["Error"];
                404: components["responses"]["Error"];
                409: components["responses"]["Error"];
                429: components["responses"]["Error"];
                503: components["responses"]["Error"];
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/me/leader-applications": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** @description My leader applications, newest first, with their status and a rejection's reason. */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            id: string;
                            userId: string;
                            name: string;
                            phone: string;
                            regionId: string;
                            regionName: string;
                            address: string;
                            /**
                             * @description 门店 (a shop) or 住宅 (a home)
                             * @enum {string}
                             */
                            placeKind: "shop" | "home";
                            experience: string;
                            photo: {
                                id: string;
                                url: string;
                                thumbUrl: string;
                                width: number;
                                height: number;
                            } | null;
                            /** @enum {string} */
                            status: "pending" | "approved" | "rejected";
                            rejectReason: string | null;
                            pickupPointId: string | null;
                            pickupPointName: string | null;
                            leaderId: string | null;
                            planId: string | null;
                            planName: string | null;
                            decidedAt: string | null;
                            createdAt: string;
                        }[];
                    };
                };
                400: components["responses"]["Error"];
                401: components["responses"]["Error"];
                403: components["responses"]["Error"];
                404: components["responses"]["Error"];
                409: components["responses"]["Error"];
                429: components["responses"]["Error"];
                503: components["responses"]["Error"];
            };
        };
        put?: never;
        /** @description Apply to become a leader (申请当团长): the phone is the account's. 409 CONFLICT while an application is being reviewed (details.reason open_application) or when you already lead a point (already_leader). */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        name: string;
                        /** Format: uuid */
                        regionId: string;
                        address: string;
                        /** @enum {string} */
                        placeKind: "shop" | "home";
                        experience: string;
                        /** Format: uuid */
                        photoId: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            id: string;
                            userId: string;
                            name: string;
                            phone: string;
                            regionId: string;
                            regionName: string;
                            address: string;
                            /**
                             * @description 门店 (a shop) or 住宅 (a home)
                             * @enum {string}
                             */
                            placeKind: "shop" | "home";
                            experience: string;
                            photo: {
                                id: string;
                                url: string;
                                thumbUrl: string;
                                width: number;
                                height: number;
                            } | null;
                            /** @enum {string} */
                            status: "pending" | "approved" | "rejected";
                            rejectReason: string | null;
                            pickupPointId: string | null;
                            pickupPointName: string | null;
                            leaderId: string | null;
                            planId: string | null;
                            planName: string | null;
                            decidedAt: string | null;
                            createdAt: string;
                        };
                    };
                };
                400: components["responses"]["Error"];
                401: components["responses"]["Error"];
                403: components["responses"]["Error"];
                404: components["responses"]["Error"];
                409: components["responses"]["Error"];
                429: components["responses"]["Error"];
                503: components["responses"]["Error"];
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/admin/leader-applications": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** @description Leader applications of your regions (团长招募), newest first, of one status or all (at most 500). */
        get: {
            parameters: {
                query?: {
                    status?: "pending" | "approved" | "rejected";
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            id: string;
                            userId: string;
                            name: string;
                            phone: string;
                            regionId: string;
                            regionName: string;
                            address: string;
                            /**
                             * @description 门店 (a shop) or 住宅 (a home)
                             * @enum {string}
                             */
                            placeKind: "shop" | "home";
                            experience: string;
                            photo: {
                                id: string;
                                url: string;
                                thumbUrl: string;
                                width: number;
                                height: number;
                            } | null;
                            /** @enum {string} */
                            status: "pending" | "approved" | "rejected";
                            rejectReason: string | null;
                            pickupPointId: string | null;
                            pickupPointName: string | null;
                            leaderId: string | null;
                            planId: string | null;
                            planName: string | null;
                            decidedAt: string | null;
                            createdAt: string;
                        }[];
                    };
                };
                400: components["responses"]["Error"];
                401: components["responses"]["Error"];
                403: components["responses"]["Error"];
                404: components["responses"]["Error"];
                409: components["responses"]["Error"];
                429: components["responses"]["Error"];
                503: components["responses"]["Error"];
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/admin/leader-applications/{id}/approve": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** @description Approve a pending application: at an existing pickup point of its city without a leader, or a new one (newPoint), on a commission plan (none: the region's flat rate). Appoints the leader and tells the applicant. 409 INVALID_STATE when already decided (simultaneous approvals: one leader), 409 CONFLICT when the point has a leader. */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /** Format: uuid */
                        pickupPointId?: string;
                        newPoint?: {
                            name: string;
                            address: string;
                            /** Format: uuid */
                            routeId: string;
                        };
                        /** Format: uuid */
                        planId?: string | null;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            id: string;
                            userId: string;
                            name: string;
                            phone: string;
                            regionId: string;
                            regionName: string;
                            address: string;
                            /**
                             * @description 门店 (a shop) or 住宅 (a home)
                             * @enum {string}
                             */
                            placeKind: "shop" | "home";
                            experience: string;
                            photo: {
                                id: string;
                                url: string;
                                thumbUrl: string;
                                width: number;
                                height: number;
                            } | null;
                            /** @enum {string} */
                            status: "pending" | "approved" | "rejected";
                            rejectReason: string | null;
                            pickupPointId: string | null;
                            pickupPointName: string | null;
                            leaderId: string | null;
                            planId: string | null;
                            planName: string | null;
                            decidedAt: string | null;
                            createdAt: string;
                        };
                    };
                };
                400: components["responses"]["Error"];
                401: components["responses"]["Error"];
                403: components["responses"]["Error"];
                404: components["responses"]["Error"];
                409: components["responses"]["Error"];
                429: components["responses"]["Error"];
                503: components["responses"]["Error"];
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/admin/leader-applications/{id}/reject": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** @description Reject a pending application with a reason the applicant reads; 409 INVALID_STATE when already decided. */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        reason: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            id: string;
                            userId: string;
                            name: string;
                            phone: string;
                            regionId: string;
                            regionName: string;
                            address: string;
                            /**
                             * @description 门店 (a shop) or 住宅 (a home)
                             * @enum {string}
                             */
                            placeKind: "shop" | "home";
                            experience: string;
                            photo: {
                                id: string;
                                url: string;
                                thumbUrl: string;
                                width: number;
                                height: number;
                            } | null;
                            /** @enum {string} */
                            status: "pending" | "approved" | "rejected";
                            rejectReason: string | null;
                            pickupPointId: string | null;
                            pickupPointName: string | null;
                            leaderId: string | null;
                            planId: string | null;
                            planName: string | null;
                            decidedAt: string | null;
                            createdAt: string;
                        };
                    };
                };
                400: components["responses"]["Error"];
                401: components["responses"]["Error"];
                403: components["responses"]["Error"];
                404: components["responses"]["Error"];
                409: components["responses"]["Error"];
                429: components["responses"]["Error"];
                503: components["responses"]["Error"];
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/leader/onboarding": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** @description My onboarding checklist, from what happened: pickup point, commission plan, required courses passed, first arrival confirmed, first pickup handed over. */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            items: {
                                /** @enum {string} */
                                key: "point" | "plan" | "training" | "first_arrival" | "first_pickup";
                                done: boolean;
                                at: string | null;
                            }[];
                            done: number;
                            total: number;
                        };
                    };
                };
                400: components["responses"]["Error"];
                401: components["responses"]["Error"];
                403: components["responses"]["Error"];
                404: components["responses"]["Error"];
                409: components["responses"]["Error"];
                429: components["responses"]["Error"];
                503: components["responses"]["Error"];
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/admin/training/courses": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** @description Training courses with their quiz, and how many leaders of your regions tried and passed each. */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            id: string;
                            title: string;
                            body: string;
                            questions: {
                                text: string;
                                options: string[];
                                answer: number;
                            }[];
                            passPercent: number;
                            required: boolean;
                            published: boolean;
                            images: {
                                id: string;
                                url: string;
                                thumbUrl: string;
                                width: number;
                                height: number;
                            }[];
                            updatedAt: string;
                            /** @description leaders of the caller's regions who passed */
                            passedLeaders: number;
                            attemptedLeaders: number;
                        }[];
                    };
                };
                400: components["responses"]["Error"];
                401: components["responses"]["Error"];
                403: components["responses"]["Error"];
                404: components["responses"]["Error"];
                409: components["responses"]["Error"];
                429: components["responses"]["Error"];
                503: components["responses"]["Error"];
            };
        };
        put?: never;
        /** @description A new course: text, pictures (uploaded to /admin/training/images), a multiple-choice quiz and its pass mark (percent). */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        title: string;
                        body: string;
                        questions: {
                            text: string;
                            options: string[];
                            answer: number;
                        }[];
                        passPercent: number;
                        /** @default true */
                        required?: boolean;
                        /** @default true */
                        published?: boolean;
                        /** @default [] */
                        imageIds?: string[];
                    };
                };
            };
            responses: {
                /** @description Default Response */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            id: string;
                            title: string;
                            body: string;
                            questions: {
                                text: string;
                                options: string[];
                                answer: number;
                            }[];
                            passPercent: number;
                            required: boolean;
                            published: boolean;
                            images: {
                                id: string;
                                url: string;
                                thumbUrl: string;
                                width: number;
                                height: number;
                            }[];
                            updatedAt: string;
                            /** @description leaders of the caller's regions who passed */
                            passedLeaders: number;
                            attemptedLeaders: number;
                        };
                    };
                };
                400: components["responses"]["Error"];
                401: components["responses"]["Error"];
                403: components["responses"]["Error"];
                404: components["responses"]["Error"];
                409: components["responses"]["Error"];
                429: components["responses"]["Error"];
                503: components["responses"]["Error"];
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/admin/training/courses/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        /** @description Change a course; attempts already made keep their marks. */
        put: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        title: string;
                        body: string;
                        questions: {
                            text: string;
                            options: string[];
                            answer: number;
                        }[];
                        passPercent: number;
                        /** @default true */
                        required?: boolean;
                        /** @default true */
                        published?: boolean;
                        /** @default [] */
                        imageIds?: string[];
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            id: string;
                            title: string;
                            body: string;
                            questions: {
                                text: string;
                                options: string[];
                                answer: number;
                            }[];
                            passPercent: number;
                            required: boolean;
                            published: boolean;
                            images: {
                                id: string;
                                url: string;
                                thumbUrl: string;
                                width: number;
                                height: number;
                            }[];
                            updatedAt: string;
                            /** @description leaders of the caller's regions who passed */
                            passedLeaders: number;
                            attemptedLeaders: number;
                        };
                    };
                };
                400: components["responses"]["Error"];
                401: components["responses"]["Error"];
                403: components["responses"]["Error"];
                404: components["responses"]["Error"];
                409: components["responses"]["Error"];
                429: components["responses"]["Error"];
                503: components["responses"]["Error"];
            };
        };
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/admin/training/results": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** @description Who took which course (leaders of your regions): per course and leader, attempts, best score, when first passed. */
        get: {
            parameters: {
                query?: {
                    courseId?: string;
                    leaderId?: string;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            courseId: string;
                            courseTitle: string;
                            leaderId: string;
                            leaderName: string;
                            pickupPointName: string;
                            attempts: number;
                            bestScore: number;
                            passed: boolean;
                            passedAt: string | null;
                            lastAt: string;
                        }[];
                    };
                };
                400: components["responses"]["Error"];
                401: components["responses"]["Error"];
                403: components["responses"]["Error"];
                404: components["responses"]["Error"];
                409: components["responses"]["Error"];
                429: components["responses"]["Error"];
                503: components["responses"]["Error"];
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/admin/training/results.xlsx": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** @description The training results as .xlsx. */
        get: {
            parameters: {
                query?: {
                    courseId?: string;
                    leaderId?: string;
                    lang?: "zh-CN" | "en";
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description an .xlsx file (application/vnd.openxmlformats-officedocument.spreadsheetml.sheet) */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": unknown;
                    };
                };
                400: components["responses"]["Error"];
                401: components["responses"]["Error"];
                403: components["responses"]["Error"];
                404: components["responses"]["Error"];
                409: components["responses"]["Error"];
                429: components["responses"]["Error"];
                503: components["responses"]["Error"];
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/leader/training/courses": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** @description Courses to take (the quiz without its answers) with my best score and when I passed. */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            id: string;
                            title: string;
                            body: string;
                            questions: {
                                text: string;
                                options: string[];
                            }[];
                            passPercent: number;
                            required: boolean;
                            images: {
                                id: string;
                                url: string;
                                thumbUrl: string;
                                width: number;
                                height: number;
                            }[];
                            bestScore: number | null;
                            passedAt: string | null;
                        }[];
                    };
                };
                400: components["responses"]["Error"];
                401: components["responses"]["Error"];
                403: components["responses"]["Error"];
                404: components["responses"]["Error"];
                409: components["responses"]["Error"];
                429: components["responses"]["Error"];
                503: components["responses"]["Error"];
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/leader/training/courses/{id}/attempts": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** @description Hand in a course's quiz: an answer (option index) per question, in order; answered with the mark. */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        answers: number[];
                    };
                };
            };
            responses: {
                /** @description Default Response */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            correct: number;
                            total: number;
                            score: number;
                            passed: boolean;
                            passPercent: number;
                        };
                    };
                };
                400: components["responses"]["Error"];
                401: components["responses"]["Error"];
                403: components["responses"]["Error"];
                404: components["responses"]["Error"];
                409: components["responses"]["Error"];
                429: components["responses"]["Error"];
                503: components["responses"]["Error"];
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/admin/commission-plans": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** @description Commission plans with their current rates (default and per product category) and leaders on them. */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            id: string;
                            name: string;
                            /** @description the rates in force for orders placed from validFrom on */
                            version: number;
                            defaultBps: number;
                            categoryBps: {
                                [key: string]: number;
                            };
                            validFrom: string;
                            /** @description active leaders on this plan now */
                            leaders: number;
                        }[];
                    };
                };
                400: components["responses"]["Error"];
                401: components["responses"]["Error"];
                403: components["responses"]["Error"];
                404: components["responses"]["Error"];
                409: components["responses"]["Error"];
                429: components["responses"]["Error"];
                503: components["responses"]["Error"];
            };
        };
        put?: never;
        /** @description A new plan: a default rate and rates per product category (basis points); 409 when the name is taken. */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        name: string;
                        defaultBps: number;
                        /** @default {} */
                        categoryBps?: {
                            [key: string]: number;
                        };
                    };
                };
            };
            responses: {
                /** @description Default Response */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            id: string;
                            name: string;
                            /** @description the rates in force for orders placed from validFrom on */
                            version: number;
                            defaultBps: number;
                            categoryBps: {
                                [key: string]: number;
                            };
                            validFrom: string;
                            /** @description active leaders on this plan now */
                            leaders: number;
                        };
                    };
                };
                400: components["responses"]["Error"];
                401: components["responses"]["Error"];
                403: components["responses"]["Error"];
                404: components["responses"]["Error"];
                409: components["responses"]["Error"];
                429: components["responses"]["Error"];
                503: components["responses"]["Error"];
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/admin/commission-plans/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        /** @description New rates for orders placed from now on (a new version); commission on orders placed before keeps the rates they were placed under. */
        put: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        name: string;
                        defaultBps: number;
                        /** @default {} */
                        categoryBps?: {
                            [key: string]: number;
                        };
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            id: string;
                            name: string;
                            /** @description the rates in force for orders placed from validFrom on */
                            version: number;
                            defaultBps: number;
                            categoryBps: {
                                [key: string]: number;
                            };
                            validFrom: string;
                            /** @description active leaders on this plan now */
                            leaders: number;
                        };
                    };
                };
                400: components["responses"]["Error"];
                401: components["responses"]["Error"];
                403: components["responses"]["Error"];
                404: components["responses"]["Error"];
                409: components["responses"]["Error"];
                429: components["responses"]["Error"];
                503: components["responses"]["Error"];
            };
        };
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/admin/leaders/{id}/commission-plan": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        /** @description Put a leader on a plan (planId null: back to their flat rate) for orders placed from now on. */
        put: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /** Format: uuid */
                        planId: string | null;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            leaderId: string;
                            planId: string | null;
                        };
                    };
                };
                400: components["responses"]["Error"];
                401: components["responses"]["Error"];
                403: components["responses"]["Error"];
                404: components["responses"]["Error"];
                409: components["responses"]["Error"];
                429: components["responses"]["Error"];
                503: components["responses"]["Error"];
            };
        };
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/admin/campaign-items/{id}/commission": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        /** @description A deal's own commission rate for leaders on a plan (null: the plan's category rate again), for orders placed from now on. */
        put: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        commissionBps: number | null;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            campaignItemId: string;
                            commissionBps: number | null;
                        };
                    };
                };
                400: components["responses"]["Error"];
                401: components["responses"]["Error"];
                403: components["responses"]["Error"];
                404: components["responses"]["Error"];
                409: components["responses"]["Error"];
                429: components["responses"]["Error"];
                503: components["responses"]["Error"];
            };
        };
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/leader/commission-plan": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** @description My commission rate per product category for orders placed now (my flat rate everywhere without a plan). */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            planId: string | null;
                            planName: string | null;
                            flatBps: number;
                            defaultBps: number;
                            categories: {
                                code: string;
                                nameZh: string;
                                nameEn: string;
                                bps: number;
                            }[];
                        };
                    };
                };
                400: components["responses"]["Error"];
                401: components["responses"]["Error"];
                403: components["responses"]["Error"];
                404: components["responses"]["Error"];
                409: components["responses"]["Error"];
                429: components["responses"]["Error"];
                503: components["responses"]["Error"];
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/leader/me": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** @description The signed-in leader and the pickup point they run. */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            leaderId: string;
                            commissionBps: number;
                            name: string;
                            phone: string;
                            pickupPoint: {
                                id: string;
                                name: string;
                                address: string;
                            };
                            /** @description customers my links brought (registered or first bound from them) */
                            linkedCustomers: number;
                        };
                    };
                };
                400: components["responses"]["Error"];
                401: components["responses"]["Error"];
                403: components["responses"]["Error"];
                404: components["responses"]["Error"];
                409: components["responses"]["Error"];
                429: components["responses"]["Error"];
                503: components["responses"]["Error"];
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/leader/campaigns": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** @description Campaigns open now or with orders at my point, newest cutoff first, with my order count and sorting-list status. */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            id: string;
                            title: string;
                            status: string;
                            startsAt: string;
                            cutoffAt: string;
                            pickupDate: string;
                            pickupFrom?: string;
                            pickupUntil?: string;
                            orders: number;
                            /** @enum {string|null} */
                            sortingListStatus: "pending" | "dispatched" | "arrived" | null;
                        }[];
                    };
                };
                400: components["responses"]["Error"];
                401: components["responses"]["Error"];
                403: components["responses"]["Error"];
                404: components["responses"]["Error"];
                409: components["responses"]["Error"];
                429: components["responses"]["Error"];
                503: components["responses"]["Error"];
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/leader/sorting-list": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** @description My point's sorting list of a campaign: expected units per product and what arrival confirmed (404 before cutoff). */
        get: {
            parameters: {
                query: {
                    campaignId: string;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            campaignId: string;
                            /** @enum {string} */
                            status: "pending" | "dispatched" | "arrived";
                            dispatchedAt: string | null;
                            arrivedAt: string | null;
                            /** @description my route's dispatch readings and my point's arrival readings */
                            readings: {
                                id: string;
                                routeId: string;
                                day: string;
                                /** @enum {string} */
                                stage: "dispatch" | "arrival";
                                /**
                                 * @description only chilled (冷藏) and frozen (冷冻) goods are read
                                 * @enum {string}
                                 */
                                zone: "chilled" | "frozen";
                                pickupPointId: string | null;
                                pickupPointName: string | null;
                                tenths: number;
                                /** @description the range in force when it was read (null: no lower bound) */
                                minTenths: number | null;
                                maxTenths: number;
                                inRange: boolean;
                                /** @enum {string} */
                                source: "warehouse" | "leader" | "logger";
                                measuredAt: string;
                            }[];
                            /** @description zones read out of range: their goods may be refused */
                            breachedZones: ("chilled" | "frozen")[];
                            lines: {
                                productId: string;
                                productName: string;
                                unit: string;
                                temperatureZone: string;
                                orderedQuantity: number;
                                expectedQuantity: number;
                                receivedQuantity: number | null;
                                missingQuantity: number | null;
                                damagedQuantity: number | null;
                            }[];
                        };
                    };
                };
                400: components["responses"]["Error"];
                401: components["responses"]["Error"];
                403: components["responses"]["Error"];
                404: components["responses"]["Error"];
                409: components["responses"]["Error"];
                429: components["responses"]["Error"];
                503: components["responses"]["Error"];
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/admin/analytics/dashboard": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** @description Today and the last `days` business days (today included), each sale on the business day of its payment in its own region's time zone and each refund on the day it was made in its order's region's zone: GMV of goods orders, paid orders, buyers, average order value, refunds; GMV by day, by local hour (today and the whole period), by category; the top 10 products and leaders (by their pickup point's GMV); the regions side by side; the delivery cost share of the routes with cost entered. Only the caller’s regions, narrowed to `regionId` (once or repeated) when given; a region outside them is a 404. Definitions: decision 030. */
        get: {
            parameters: {
                query?: {
                    days?: number;
                    regionId?: string | string[];
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            timeZone: string;
                            today: string;
                            from: string;
                            days: number;
                            generatedAt: string;
                            todayKpis: {
                                gmvFen: number;
                                paidOrders: number;
                                buyers: number;
                                avgOrderFen: number;
                                refundFen: number;
                                refunds: number;
                                netFen: number;
                            };
                            periodKpis: {
                                gmvFen: number;
                                paidOrders: number;
                                buyers: number;
                                avgOrderFen: number;
                                refundFen: number;
                                refunds: number;
                                netFen: number;
                            };
                            daily: {
                                date: string;
                                gmvFen: number;
                                paidOrders: number;
                                refundFen: number;
                            }[];
                            hourly: {
                                hour: number;
                                todayFen: number;
                                periodFen: number;
                            }[];
                            categories: {
                                code: string;
                                nameZh: string;
                                nameEn: string;
                                gmvFen: number;
                                quantity: number;
                            }[];
                            topProducts: {
                                productId: string;
                                name: string;
                                unit: string;
                                category: string;
                                gmvFen: number;
                                quantity: number;
                                orders: number;
                            }[];
                            leaders: {
                                leaderId: string;
                                name: string;
                                pickupPointId: string;
                                pickupPointName: string;
                                gmvFen: number;
                                paidOrders: number;
                                buyers: number;
                            }[];
                            regions: {
                                gmvFen: number;
                                paidOrders: number;
                                buyers: number;
                                avgOrderFen: number;
                                refundFen: number;
                                refunds: number;
                                netFen: number;
                                regionId: string;
                                name: string;
                                timeZone: string;
                                today: string;
                            }[];
                            routes: {
                                routeId: string;
                                name: string;
                                regionId: string;
                                costFen: number;
                                costDays: number;
                                gmvFen: number;
                                costShareBps: number | null;
                            }[];
                        };
                    };
                };
                400: components["responses"]["Error"];
                401: components["responses"]["Error"];
                403: components["responses"]["Error"];
                404: components["responses"]["Error"];
                409: components["responses"]["Error"];
                429: components["responses"]["Error"];
                503: components["responses"]["Error"];
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/admin/analytics/regions/export.xlsx": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** @description The dashboard's region comparison and route delivery cost shares (the `regions` and `routes` sections, same period and regions) as an .xlsx workbook, amounts in yuan. Column headers in `lang`. */
        get: {
            parameters: {
                query?: {
                    days?: number;
                    regionId?: string | string[];
                    lang?: "zh-CN" | "en";
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description an .xlsx file (application/vnd.openxmlformats-officedocument.spreadsheetml.sheet) */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": unknown;
                    };
                };
                400: components["responses"]["Error"];
                401: components["responses"]["Error"];
                403: components["responses"]["Error"];
                404: components["responses"]["Error"];
                409: components["responses"]["Error"];
                429: components["responses"]["Error"];
                503: components["responses"]["Error"];
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/admin/routes/{id}/costs/{date}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        /** @description Enter a route's delivery cost of one business day of its region (fen), replacing an earlier entry of the day: repeating the request changes nothing more. A day not yet begun in the region is a 400; a route of another region than the caller’s a 404. */
        put: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                    date: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        costFen: number;
                        /** @default  */
                        note?: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            routeId: string;
                            routeName: string;
                            regionId: string;
                            date: string;
                            costFen: number;
                            note: string;
                            updatedAt: string;
                        };
                    };
                };
                400: components["responses"]["Error"];
                401: components["responses"]["Error"];
                403: components["responses"]["Error"];
                404: components["responses"]["Error"];
                409: components["responses"]["Error"];
                429: components["responses"]["Error"];
                503: components["responses"]["Error"];
            };
        };
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/admin/route-costs": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** @description Delivery cost entered for the caller's routes on the days `from`..`to` (at most 366 days), newest first; optionally of one route or of some regions (`regionId` once or repeated). */
        get: {
            parameters: {
                query: {
                    from: string;
                    to: string;
                    routeId?: string;
                    regionId?: string | string[];
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            routeId: string;
                            routeName: string;
                            regionId: string;
                            date: string;
                            costFen: number;
                            note: string;
                            updatedAt: string;
                        }[];
                    };
                };
                400: components["responses"]["Error"];
                401: components["responses"]["Error"];
                403: components["responses"]["Error"];
                404: components["responses"]["Error"];
                409: components["responses"]["Error"];
                429: components["responses"]["Error"];
                503: components["responses"]["Error"];
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/admin/forecast/demand": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** @description Demand forecast of a region's day (`day`, or the business day of `cutoffAt` in the region, default its next business day), per product: expected units summed over its pickup points and the suggested quota (rounded up); per point with `points=true`. A weekday profile times a damped level/trend over the last 8 weeks of closed days (decision 049). `productId` (once or repeated) narrows it; a product without history comes back with basis `none`. A region outside the caller’s is a 404. */
        get: {
            parameters: {
                query: {
                    regionId: string;
                    day?: string;
                    cutoffAt?: string;
                    productId?: string | string[];
                    points?: "true" | "false";
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            regionId: string;
                            timeZone: string;
                            day: string;
                            products: {
                                productId: string;
                                name: string;
                                unit: string;
                                units: number;
                                suggestedQuota: number;
                                /** @enum {string} */
                                basis: "history" | "none";
                                daysUsed: number;
                                points?: {
                                    pickupPointId: string;
                                    name: string;
                                    units: number;
                                    /** @enum {string} */
                                    basis: "history" | "none";
                                }[];
                            }[];
                        };
                    };
                };
                400: components["responses"]["Error"];
                401: components["responses"]["Error"];
                403: components["responses"]["Error"];
                404: components["responses"]["Error"];
                409: components["responses"]["Error"];
                429: components["responses"]["Error"];
                503: components["responses"]["Error"];
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/admin/forecast/accuracy": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** @description Expected against actual units per product of a campaign's day (the business day of its cutoff in its region): expected is the forecast recorded before the day began (never rewritten), actual the units paid that day (so far, while the day lasts). WAPE over product × point cells in basis points, also for the naive same-weekday-last-week forecast. A campaign of another region is a 404. */
        get: {
            parameters: {
                query: {
                    campaignId: string;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            campaignId: string;
                            title: string;
                            regionId: string;
                            regionName: string;
                            day: string;
                            closed: boolean;
                            recordedAt: string | null;
                            wapeBps: number | null;
                            naiveWapeBps: number | null;
                            expectedTotal: number;
                            actualTotal: number;
                            lines: {
                                productId: string;
                                name: string;
                                unit: string;
                                expected: number | null;
                                actual: number;
                                diff: number | null;
                            }[];
                        };
                    };
                };
                400: components["responses"]["Error"];
                401: components["responses"]["Error"];
                403: components["responses"]["Error"];
                404: components["responses"]["Error"];
                409: components["responses"]["Error"];
                429: components["responses"]["Error"];
                503: components["responses"]["Error"];
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/admin/forecast/accuracy/export.xlsx": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** @description The expected-against-actual table of a campaign’s day as an .xlsx workbook, headers in `lang`. */
        get: {
            parameters: {
                query: {
                    campaignId: string;
                    lang?: "zh-CN" | "en";
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description an .xlsx file (application/vnd.openxmlformats-officedocument.spreadsheetml.sheet) */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": unknown;
                    };
                };
                400: components["responses"]["Error"];
                401: components["responses"]["Error"];
                403: components["responses"]["Error"];
                404: components["responses"]["Error"];
                409: components["responses"]["Error"];
                429: components["responses"]["Error"];
                503: components["responses"]["Error"];
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/admin/kpis": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** @description Every KPI of the registry (definitions in zh and en, the seeds’ figures as targets, on/off target) over the business days `from`..`to` (default: the `days` (30) days to today; at most 366), against the previous period of the same length; a daily series; with `dim`, a drill-down by region, pickup point, leader, category or member/non-member. Only the caller’s regions, narrowed to `regionId`; a region outside them is a 404. Definitions: decision 046. */
        get: {
            parameters: {
                query?: {
                    from?: string;
                    to?: string;
                    days?: number;
                    dim?: "region" | "point" | "leader" | "category" | "member";
                    regionId?: string | string[];
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            from: string;
                            to: string;
                            previousFrom: string;
                            previousTo: string;
                            days: number;
                            today: string;
                            generatedAt: string;
                            kpis: {
                                key: string;
                                nameZh: string;
                                nameEn: string;
                                defZh: string;
                                defEn: string;
                                /** @enum {string} */
                                unit: "fen" | "percent" | "count" | "days" | "hours" | "orders";
                                /** @enum {string} */
                                direction: "higher" | "lower";
                                target: number | null;
                                seed: string;
                                dims: ("region" | "point" | "leader" | "category" | "member")[];
                                daily: boolean;
                                value: number | null;
                                previous: number | null;
                                change: number | null;
                                /** @enum {string} */
                                status: "ok" | "off" | "none";
                            }[];
                            daily: {
                                date: string;
                                values: {
                                    [key: string]: number | null;
                                };
                            }[];
                            breakdown: {
                                /** @enum {string} */
                                dim: "region" | "point" | "leader" | "category" | "member";
                                rows: {
                                    key: string;
                                    labelZh: string;
                                    labelEn: string;
                                    values: {
                                        [key: string]: number | null;
                                    };
                                }[];
                            } | null;
                            unavailable: {
                                nameZh: string;
                                nameEn: string;
                                whyZh: string;
                                whyEn: string;
                            }[];
                        };
                    };
                };
                400: components["responses"]["Error"];
                401: components["responses"]["Error"];
                403: components["responses"]["Error"];
                404: components["responses"]["Error"];
                409: components["responses"]["Error"];
                429: components["responses"]["Error"];
                503: components["responses"]["Error"];
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/admin/kpis/export.xlsx": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** @description The KPI page’s tables (KPIs, daily series, the drill-down when `dim` is given) as .xlsx. */
        get: {
            parameters: {
                query?: {
                    from?: string;
                    to?: string;
                    days?: number;
                    dim?: "region" | "point" | "leader" | "category" | "member";
                    regionId?: string | string[];
                    lang?: "zh-CN" | "en";
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description an .xlsx file (application/vnd.openxmlformats-officedocument.spreadsheetml.sheet) */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": unknown;
                    };
                };
                400: components["responses"]["Error"];
                401: components["responses"]["Error"];
                403: components["responses"]["Error"];
                404: components["responses"]["Error"];
                409: components["responses"]["Error"];
                429: components["responses"]["Error"];
                503: components["responses"]["Error"];
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/admin/kpis/cohorts": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** @description Weekly cohorts of the last `weeks` weeks (Monday to Sunday): customers by the week of their first paid order, the share who paid 2+ orders in that week (week 0) and an order in each later week, and the median days to their second purchase. Only the caller’s regions, narrowed to `regionId`. Decision 046. */
        get: {
            parameters: {
                query?: {
                    weeks?: number;
                    regionId?: string | string[];
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            from: string;
                            today: string;
                            cohorts: {
                                week: string;
                                customers: number;
                                medianSecondDays: number | null;
                                shares: number[];
                            }[];
                        };
                    };
                };
                400: components["responses"]["Error"];
                401: components["responses"]["Error"];
                403: components["responses"]["Error"];
                404: components["responses"]["Error"];
                409: components["responses"]["Error"];
                429: components["responses"]["Error"];
                503: components["responses"]["Error"];
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/admin/kpis/leader-months": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** @description Leader productivity by month: each active leader’s pickup point net GMV (GMV − refunds) in each of the last `months` calendar months (the current one so far). Only the caller’s regions, narrowed to `regionId`. */
        get: {
            parameters: {
                query?: {
                    months?: number;
                    regionId?: string | string[];
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            months: string[];
                            leaders: {
                                leaderId: string;
                                name: string;
                                pickupPointName: string;
                                netFen: number[];
                            }[];
                        };
                    };
                };
                400: components["responses"]["Error"];
                401: components["responses"]["Error"];
                403: components["responses"]["Error"];
                404: components["responses"]["Error"];
                409: components["responses"]["Error"];
                429: components["responses"]["Error"];
                503: components["responses"]["Error"];
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/admin/kpi-alert-rules": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** @description The KPI alert rules of the caller’s regions and of every region, with the state the job last found. */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            id: string;
                            kpiKey: string;
                            regionId: string | null;
                            /** @enum {string} */
                            kind: "below" | "above" | "drop";
                            threshold: number | null;
                            dropPercent: number | null;
                            crossed: boolean;
                            crossings: number;
                            lastValue: number | null;
                            lastDay: string | null;
                            createdAt: string;
                        }[];
                    };
                };
                400: components["responses"]["Error"];
                401: components["responses"]["Error"];
                403: components["responses"]["Error"];
                404: components["responses"]["Error"];
                409: components["responses"]["Error"];
                429: components["responses"]["Error"];
                503: components["responses"]["Error"];
            };
        };
        put?: never;
        /** @description A KPI alert rule: the KPI of the last closed business day below or above `threshold` (in the KPI’s unit: a fraction for a percentage, fen for money), or dropped by `dropPercent` % against the average of the same weekday of the 4 weeks before. A crossing raises one alert in the inbox (and the webhook), none while it stays crossed. Of one region (`regionId`), or of every region (operators of every region only: 403). */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /** @enum {string} */
                        kpiKey: "gmv" | "gmvChange" | "refundRate" | "repurchaseRate" | "memberOrders" | "nonMemberOrders" | "memberPenetration" | "secondPurchaseDays" | "newCustomerConversion" | "newRegistrations" | "flashPeakGmv" | "leaderProductivity" | "deliveryCostShare" | "stockOutRate" | "orderErrorRate" | "fulfilmentHours" | "fulfilmentHoursP90" | "slowMoverShare" | "purchaseCycleDays";
                        /** Format: uuid */
                        regionId?: string | null;
                        /** @enum {string} */
                        kind: "below" | "above" | "drop";
                        threshold?: number | null;
                        dropPercent?: number | null;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            id: string;
                            kpiKey: string;
                            regionId: string | null;
                            /** @enum {string} */
                            kind: "below" | "above" | "drop";
                            threshold: number | null;
                            dropPercent: number | null;
                            crossed: boolean;
                            crossings: number;
                            lastValue: number | null;
                            lastDay: string | null;
                            createdAt: string;
                        };
                    };
                };
                400: components["responses"]["Error"];
                401: components["responses"]["Error"];
                403: components["responses"]["Error"];
                404: components["responses"]["Error"];
                409: components["responses"]["Error"];
                429: components["responses"]["Error"];
                503: components["responses"]["Error"];
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/admin/kpi-alert-rules/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        /** @description Removes a KPI alert rule (its raised alerts stay in the inbox). Another region’s rule is a 404. */
        delete: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                204: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": null;
                    };
                };
                400: components["responses"]["Error"];
                401: components["responses"]["Error"];
                403: components["responses"]["Error"];
                404: components["responses"]["Error"];
                409: components["responses"]["Error"];
                429: components["responses"]["Error"];
                503: components["responses"]["Error"];
            };
        };
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/admin/purchase-orders/export.xlsx": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** @description The campaign's purchase orders as an .xlsx workbook (one row per line). Column headers in `lang`. */
        get: {
            parameters: {
                query: {
                    campaignId: string;
                    lang?: "zh-CN" | "en";
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description an .xlsx file (application/vnd.openxmlformats-officedocument.spreadsheetml.sheet) */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": unknown;
                    };
                };
                400: components["responses"]["Error"];
                401: components["responses"]["Error"];
                403: components["responses"]["Error"];
                404: components["responses"]["Error"];
                409: components["responses"]["Error"];
                429: components["responses"]["Error"];
                503: components["responses"]["Error"];
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/admin/sorting-lists/export.xlsx": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** @description The campaign's sorting lists as an .xlsx workbook (one row per pickup point and product). */
        get: {
            parameters: {
                query: {
                    campaignId: string;
                    lang?: "zh-CN" | "en";
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description an .xlsx file (application/vnd.openxmlformats-officedocument.spreadsheetml.sheet) */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": unknown;
                    };
                };
                400: components["responses"]["Error"];
                401: components["responses"]["Error"];
                403: components["responses"]["Error"];
                404: components["responses"]["Error"];
                409: components["responses"]["Error"];
                429: components["responses"]["Error"];
                503: components["responses"]["Error"];
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/search": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** @description Today's deals at the pickup point (every region's without one) and catalogue products not on sale there whose name, category or the name's pinyin or initials match `q` (西红柿, 红柿, xihongshi, xhs), most relevant first, then deals before products not on sale, then most sold; 20 a page unless `limit` says (X-Next-Cursor). With `count=1` (a search the customer submitted) a first page with results counts towards the popular searches. */
        get: {
            parameters: {
                query: {
                    /** @description The previous page's X-Next-Cursor header; absent for the first page */
                    cursor?: string;
                    /** @description Rows per page, 50 unless given, at most 200 */
                    limit?: number;
                    q: string;
                    pickupPointId?: string;
                    count?: "0" | "1";
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        /** @description The cursor of the next page (pass it as `cursor`); absent on the last page */
                        "X-Next-Cursor"?: string;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @description The deal's id when on sale (what goes into the cart), else the product's */
                            id: string;
                            productId: string;
                            name: string;
                            unit: string;
                            /** @description 产地, when the product names one; matched by the search too */
                            origin?: string;
                            category: string;
                            categoryNameZh: string;
                            categoryNameEn: string;
                            listPriceFen: number;
                            /** @description On sale today at the pickup point; false: a catalogue product not on sale today */
                            onSale: boolean;
                            priceFen?: number;
                            remaining?: number;
                            cutoffAt?: string;
                            /** @description The deal's units sold when on sale, else units sold over the last 30 closed days */
                            sales: number;
                            /** @description 6 whole text, 5 start, 4 anywhere (name, origin or category), 3 near miss, 2 pinyin or initials */
                            relevance: number;
                        }[];
                    };
                };
                400: components["responses"]["Error"];
                401: components["responses"]["Error"];
                403: components["responses"]["Error"];
                404: components["responses"]["Error"];
                409: components["responses"]["Error"];
                429: components["responses"]["Error"];
                503: components["responses"]["Error"];
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/search/popular": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** @description The 10 searches made most over the last 7 days (only the query texts and their counts). */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            query: string;
                            count: number;
                        }[];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/admin/alerts": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** @description The operators' alert inbox: open alerts, newest first (all=true: acknowledged ones too), and the number open. Alerts of no region are everyone's. */
        get: {
            parameters: {
                query?: {
                    all?: "true" | "false";
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            openCount: number;
                            items: {
                                id: string;
                                /** @description supplier_document_expiring, deals_without_supplier, … */
                                kind: string;
                                severity: string;
                                regionId: string | null;
                                subjectType: string | null;
                                subjectId: string | null;
                                details: {
                                    [key: string]: unknown;
                                };
                                createdAt: string;
                                acknowledgedAt: string | null;
                            }[];
                        };
                    };
                };
                400: components["responses"]["Error"];
                401: components["responses"]["Error"];
                403: components["responses"]["Error"];
                404: components["responses"]["Error"];
                409: components["responses"]["Error"];
                429: components["responses"]["Error"];
                503: components["responses"]["Error"];
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/admin/alerts/{id}/ack": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** @description Acknowledge an alert (again: no change) */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            id: string;
                            /** @description supplier_document_expiring, deals_without_supplier, … */
                            kind: string;
                            severity: string;
                            regionId: string | null;
                            subjectType: string | null;
                            subjectId: string | null;
                            details: {
                                [key: string]: unknown;
                            };
                            createdAt: string;
                            acknowledgedAt: string | null;
                        };
                    };
                };
                400: components["responses"]["Error"];
                401: components["responses"]["Error"];
                403: components["responses"]["Error"];
                404: components["responses"]["Error"];
                409: components["responses"]["Error"];
                429: components["responses"]["Error"];
                503: components["responses"]["Error"];
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/admin/settings": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** @description The operating thresholds (loss-rate limits, scorecard marks, temperature ranges…), with defaults */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            items: {
                                key: string;
                                value: unknown;
                                default: unknown;
                                description: string;
                                /** @description false: the default applies */
                                changed: boolean;
                                updatedAt: string | null;
                            }[];
                        };
                    };
                };
                400: components["responses"]["Error"];
                401: components["responses"]["Error"];
                403: components["responses"]["Error"];
                404: components["responses"]["Error"];
                409: components["responses"]["Error"];
                429: components["responses"]["Error"];
                503: components["responses"]["Error"];
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/admin/settings/{key}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        /** @description Change one threshold (value null: back to the default) */
        put: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    key: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        value: unknown;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            key: string;
                            value: unknown;
                            default: unknown;
                            description: string;
                            /** @description false: the default applies */
                            changed: boolean;
                            updatedAt: string | null;
                        };
                    };
                };
                400: components["responses"]["Error"];
                401: components["responses"]["Error"];
                403: components["responses"]["Error"];
                404: components["responses"]["Error"];
                409: components["responses"]["Error"];
                429: components["responses"]["Error"];
                503: components["responses"]["Error"];
            };
        };
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/admin/supplier-scorecards": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** @description The suppliers' ranking (排名) of a month by weighted score, with the below-standard flags (default: this month, computed live; a closed month reads its stored figures) */
        get: {
            parameters: {
                query?: {
                    month?: string;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            month: string;
                            closed: boolean;
                            passScore: number;
                            items: {
                                supplierId: string;
                                supplierName: string;
                                supplierStatus: string;
                                month: string;
                                /**
                                 * @description closed: stored when the month was closed; live: computed now
                                 * @enum {string}
                                 */
                                source: "closed" | "live";
                                orderedUnits: number;
                                acceptedUnits: number;
                                rejectedUnits: number;
                                dueOrders: number;
                                onTimeOrders: number;
                                unitsSold: number;
                                claimUnits: number;
                                claimsByReason: {
                                    [key: string]: number;
                                };
                                lossUnits: number;
                                lossFen: number;
                                receivedFen: number;
                                /** @description accepted / ordered units */
                                fillRate: number;
                                /** @description rejected / (accepted + rejected) units at receiving */
                                rejectionRate: number;
                                /** @description orders received by their due time / orders due */
                                onTimeRate: number;
                                /** @description claimed units per 1,000 units sold */
                                complaintsPerThousand: number;
                                /** @description units written off from its lots / units accepted */
                                lossRate: number;
                                scores: {
                                    fillRate: number;
                                    rejectionRate: number;
                                    onTimeRate: number;
                                    complaints: number;
                                    loss: number;
                                };
                                breaches: string[];
                                /** @description weighted score 0–100 */
                                score: number;
                                rank: number;
                                rankedOf: number;
                                /** @description 不达标: score under the pass mark */
                                belowStandard: boolean;
                                /** @description 整改期限 of a supplier below standard */
                                rectifyBy: string | null;
                            }[];
                        };
                    };
                };
                400: components["responses"]["Error"];
                401: components["responses"]["Error"];
                403: components["responses"]["Error"];
                404: components["responses"]["Error"];
                409: components["responses"]["Error"];
                429: components["responses"]["Error"];
                503: components["responses"]["Error"];
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/admin/suppliers/{id}/scorecard": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** @description A supplier's scorecard over the last months (default 6, the current one live), oldest first */
        get: {
            parameters: {
                query?: {
                    months?: number;
                };
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            supplierId: string;
                            from: string;
                            to: string;
                            passScore: number;
                            months: string[];
                            items: {
                                supplierId: string;
                                supplierName: string;
                                supplierStatus: string;
                                month: string;
                                /**
                                 * @description closed: stored when the month was closed; live: computed now
                                 * @enum {string}
                                 */
                                source: "closed" | "live";
                                orderedUnits: number;
                                acceptedUnits: number;
                                rejectedUnits: number;
                                dueOrders: number;
                                onTimeOrders: number;
                                unitsSold: number;
                                claimUnits: number;
                                claimsByReason: {
                                    [key: string]: number;
                                };
                                lossUnits: number;
                                lossFen: number;
                                receivedFen: number;
                                /** @description accepted / ordered units */
                                fillRate: number;
                                /** @description rejected / (accepted + rejected) units at receiving */
                                rejectionRate: number;
                                /** @description orders received by their due time / orders due */
                                onTimeRate: number;
                                /** @description claimed units per 1,000 units sold */
                                complaintsPerThousand: number;
                                /** @description units written off from its lots / units accepted */
                                lossRate: number;
                                scores: {
                                    fillRate: number;
                                    rejectionRate: number;
                                    onTimeRate: number;
                                    complaints: number;
                                    loss: number;
                                };
                                breaches: string[];
                                /** @description weighted score 0–100 */
                                score: number;
                                rank: number;
                                rankedOf: number;
                                /** @description 不达标: score under the pass mark */
                                belowStandard: boolean;
                                /** @description 整改期限 of a supplier below standard */
                                rectifyBy: string | null;
                            }[];
                        };
                    };
                };
                400: components["responses"]["Error"];
                401: components["responses"]["Error"];
                403: components["responses"]["Error"];
                404: components["responses"]["Error"];
                409: components["responses"]["Error"];
                429: components["responses"]["Error"];
                503: components["responses"]["Error"];
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/admin/supplier-scorecards/proposals/{id}/confirm": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** @description Confirms a suspension proposal (an alert raised after consecutive months below standard): the supplier is suspended and the alert acknowledged. Nothing is suspended without this. */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            supplierId: string;
                            status: string;
                            /** @description false when the supplier was already suspended */
                            suspendedNow: boolean;
                            acknowledgedAt: string;
                        };
                    };
                };
                400: components["responses"]["Error"];
                401: components["responses"]["Error"];
                403: components["responses"]["Error"];
                404: components["responses"]["Error"];
                409: components["responses"]["Error"];
                429: components["responses"]["Error"];
                503: components["responses"]["Error"];
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/admin/supplier-payables": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** @description A supplier's payables (newest first, at most 200) in the caller's regions, with what is unpaid, paid and not yet on a statement */
        get: {
            parameters: {
                query: {
                    supplierId: string;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            supplierId: string;
                            unpaidFen: number;
                            paidFen: number;
                            notOnStatementFen: number;
                            items: {
                                id: string;
                                supplierId: string;
                                supplierName: string;
                                regionId: string;
                                warehouseId: string;
                                warehouseName: string;
                                purchaseOrderId: string;
                                campaignTitle: string;
                                productId: string;
                                productName: string;
                                unit: string;
                                /** @enum {string} */
                                kind: "receipt" | "return";
                                /** @description signed: accepted units, or units returned (negative) */
                                units: number;
                                unitCostFen: number;
                                /** @description signed integer fen */
                                amountFen: number;
                                reason: string | null;
                                occurredAt: string;
                                statementId: string | null;
                            }[];
                        };
                    };
                };
                400: components["responses"]["Error"];
                401: components["responses"]["Error"];
                403: components["responses"]["Error"];
                404: components["responses"]["Error"];
                409: components["responses"]["Error"];
                429: components["responses"]["Error"];
                503: components["responses"]["Error"];
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/admin/purchase-orders/{id}/supplier-returns": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** @description Sends units of a received purchase order back to its supplier: out of that order's lot and free stock (a returned_to_supplier movement) and credited on its payables. 409 NOT_ENOUGH_IN_LOT when the lot has fewer units left; a retry with the same businessKey answers the first return. */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /** Format: uuid */
                        productId: string;
                        quantity: number;
                        reason: string;
                        businessKey?: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            id: string;
                            supplierId: string;
                            supplierName: string;
                            regionId: string;
                            warehouseId: string;
                            warehouseName: string;
                            purchaseOrderId: string;
                            campaignTitle: string;
                            productId: string;
                            productName: string;
                            unit: string;
                            /** @enum {string} */
                            kind: "receipt" | "return";
                            /** @description signed: accepted units, or units returned (negative) */
                            units: number;
                            unitCostFen: number;
                            /** @description signed integer fen */
                            amountFen: number;
                            reason: string | null;
                            occurredAt: string;
                            statementId: string | null;
                        };
                    };
                };
                400: components["responses"]["Error"];
                401: components["responses"]["Error"];
                403: components["responses"]["Error"];
                404: components["responses"]["Error"];
                409: components["responses"]["Error"];
                429: components["responses"]["Error"];
                503: components["responses"]["Error"];
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/admin/supplier-statements": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** @description Settlement statements (结算单) in the caller's regions, newest period first */
        get: {
            parameters: {
                query?: {
                    period?: string;
                    supplierId?: string;
                    status?: "open" | "paid";
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            id: string;
                            supplierId: string;
                            supplierName: string;
                            regionId: string;
                            regionName: string;
                            period: string;
                            /** @enum {string} */
                            status: "open" | "paid";
                            amountFen: number;
                            lineCount: number;
                            paidReference: string | null;
                            paidAt: string | null;
                            createdAt: string;
                        }[];
                    };
                };
                400: components["responses"]["Error"];
                401: components["responses"]["Error"];
                403: components["responses"]["Error"];
                404: components["responses"]["Error"];
                409: components["responses"]["Error"];
                429: components["responses"]["Error"];
                503: components["responses"]["Error"];
            };
        };
        put?: never;
        /** @description Draws up a month's statements: the payables not on a statement that occurred before the month's end go on the supplier's statement of that month and region (made if missing; a paid one takes no more). Only the caller's regions. Answers the month's statements. */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        period: string;
                        /** Format: uuid */
                        supplierId?: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            id: string;
                            supplierId: string;
                            supplierName: string;
                            regionId: string;
                            regionName: string;
                            period: string;
                            /** @enum {string} */
                            status: "open" | "paid";
                            amountFen: number;
                            lineCount: number;
                            paidReference: string | null;
                            paidAt: string | null;
                            createdAt: string;
                        }[];
                    };
                };
                400: components["responses"]["Error"];
                401: components["responses"]["Error"];
                403: components["responses"]["Error"];
                404: components["responses"]["Error"];
                409: components["responses"]["Error"];
                429: components["responses"]["Error"];
                503: components["responses"]["Error"];
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/admin/supplier-statements/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** @description A statement with its payables */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            id: string;
                            supplierId: string;
                            supplierName: string;
                            regionId: string;
                            regionName: string;
                            period: string;
                            /** @enum {string} */
                            status: "open" | "paid";
                            amountFen: number;
                            lineCount: number;
                            paidReference: string | null;
                            paidAt: string | null;
                            createdAt: string;
                            lines: {
                                id: string;
                                supplierId: string;
                                supplierName: string;
                                regionId: string;
                                warehouseId: string;
                                warehouseName: string;
                                purchaseOrderId: string;
                                campaignTitle: string;
                                productId: string;
                                productName: string;
                                unit: string;
                                /** @enum {string} */
                                kind: "receipt" | "return";
                                /** @description signed: accepted units, or units returned (negative) */
                                units: number;
                                unitCostFen: number;
                                /** @description signed integer fen */
                                amountFen: number;
                                reason: string | null;
                                occurredAt: string;
                                statementId: string | null;
                            }[];
                        };
                    };
                };
                400: components["responses"]["Error"];
                401: components["responses"]["Error"];
                403: components["responses"]["Error"];
                404: components["responses"]["Error"];
                409: components["responses"]["Error"];
                429: components["responses"]["Error"];
                503: components["responses"]["Error"];
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/admin/supplier-statements/{id}/export.xlsx": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** @description A statement as an .xlsx workbook (one row per payable, the total as a formula). Headers in `lang`. */
        get: {
            parameters: {
                query?: {
                    lang?: "zh-CN" | "en";
                };
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description an .xlsx file (application/vnd.openxmlformats-officedocument.spreadsheetml.sheet) */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": unknown;
                    };
                };
                400: components["responses"]["Error"];
                401: components["responses"]["Error"];
                403: components["responses"]["Error"];
                404: components["responses"]["Error"];
                409: components["responses"]["Error"];
                429: components["responses"]["Error"];
                503: components["responses"]["Error"];
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/admin/supplier-statements/{id}/pay": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** @description Marks a statement paid with the payment reference. Paid once: a second or simultaneous request gets 409 ALREADY_PAID. */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        reference: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            id: string;
                            supplierId: string;
                            supplierName: string;
                            regionId: string;
                            regionName: string;
                            period: string;
                            /** @enum {string} */
                            status: "open" | "paid";
                            amountFen: number;
                            lineCount: number;
                            paidReference: string | null;
                            paidAt: string | null;
                            createdAt: string;
                        };
                    };
                };
                400: components["responses"]["Error"];
                401: components["responses"]["Error"];
                403: components["responses"]["Error"];
                404: components["responses"]["Error"];
                409: components["responses"]["Error"];
                429: components["responses"]["Error"];
                503: components["responses"]["Error"];
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/admin/recalls": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** @description The newest 100 recalls with their deadline and progress. */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            id: string;
                            regionId: string;
                            /** @enum {string} */
                            scope: "lot" | "product" | "supplier";
                            lotId: string | null;
                            productId: string | null;
                            supplierId: string | null;
                            subject: string;
                            fromDate: string | null;
                            toDate: string | null;
                            reason: string;
                            refund: boolean;
                            /** @enum {string} */
                            status: "draft" | "active" | "closed";
                            createdAt: string;
                            confirmedAt: string | null;
                            deadlineAt: string | null;
                            closedAt: string | null;
                            overdue: boolean;
                            lots: {
                                lotId: string;
                                warehouseName: string;
                                productName: string;
                                expiresOn: string | null;
                                remaining: number;
                            }[];
                            progress: {
                                lines: number;
                                customers: number;
                                units: number;
                                pickupPoints: number;
                                customersNotified: number;
                                leaders: number;
                                leadersNotified: number;
                                refundedLines: number;
                                refundedCustomers: number;
                                refundedFen: number;
                                unitsRecovered: number;
                                unitsBlocked: number;
                                dealsClosed: number;
                            };
                        }[];
                    };
                };
                400: components["responses"]["Error"];
                401: components["responses"]["Error"];
                403: components["responses"]["Error"];
                404: components["responses"]["Error"];
                409: components["responses"]["Error"];
                429: components["responses"]["Error"];
                503: components["responses"]["Error"];
            };
        };
        put?: never;
        /** @description Drafts a recall; nothing is stopped or told until it is confirmed. */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /** @enum {string} */
                        scope: "lot" | "product" | "supplier";
                        /**
                         * Format: uuid
                         * @description product and supplier recalls: the region (default: the caller’s only region)
                         */
                        regionId?: string;
                        /** Format: uuid */
                        lotId?: string;
                        /** Format: uuid */
                        productId?: string;
                        /** Format: uuid */
                        supplierId?: string;
                        /**
                         * Format: date
                         * @description first receipt business day of the lots (product and supplier recalls)
                         */
                        fromDate?: string;
                        /** Format: date */
                        toDate?: string;
                        reason: string;
                        /** @description refund the recalled units of every affected order on confirmation */
                        refund?: boolean;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            id: string;
                            regionId: string;
                            /** @enum {string} */
                            scope: "lot" | "product" | "supplier";
                            lotId: string | null;
                            productId: string | null;
                            supplierId: string | null;
                            subject: string;
                            fromDate: string | null;
                            toDate: string | null;
                            reason: string;
                            refund: boolean;
                            /** @enum {string} */
                            status: "draft" | "active" | "closed";
                            createdAt: string;
                            confirmedAt: string | null;
                            deadlineAt: string | null;
                            closedAt: string | null;
                            overdue: boolean;
                            lots: {
                                lotId: string;
                                warehouseName: string;
                                productName: string;
                                expiresOn: string | null;
                                remaining: number;
                            }[];
                            progress: {
                                lines: number;
                                customers: number;
                                units: number;
                                pickupPoints: number;
                                customersNotified: number;
                                leaders: number;
                                leadersNotified: number;
                                refundedLines: number;
                                refundedCustomers: number;
                                refundedFen: number;
                                unitsRecovered: number;
                                unitsBlocked: number;
                                dealsClosed: number;
                            };
                        };
                    };
                };
                400: components["responses"]["Error"];
                401: components["responses"]["Error"];
                403: components["responses"]["Error"];
                404: components["responses"]["Error"];
                409: components["responses"]["Error"];
                429: components["responses"]["Error"];
                503: components["responses"]["Error"];
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/admin/recalls/lots": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** @description Lots of a product (newest first) to recall from, with their supplier and free units. */
        get: {
            parameters: {
                query: {
                    productId: string;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            lotId: string;
                            warehouseName: string;
                            productName: string;
                            expiresOn: string | null;
                            remaining: number;
                            warehouseId: string;
                            regionId: string;
                            supplierName: string | null;
                            quantity: number;
                            receivedAt: string;
                        }[];
                    };
                };
                400: components["responses"]["Error"];
                401: components["responses"]["Error"];
                403: components["responses"]["Error"];
                404: components["responses"]["Error"];
                409: components["responses"]["Error"];
                429: components["responses"]["Error"];
                503: components["responses"]["Error"];
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/admin/recalls/preview": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** @description What a recall would cover — lots, figures, affected lines — without writing anything. */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /** @enum {string} */
                        scope: "lot" | "product" | "supplier";
                        /**
                         * Format: uuid
                         * @description product and supplier recalls: the region (default: the caller’s only region)
                         */
                        regionId?: string;
                        /** Format: uuid */
                        lotId?: string;
                        /** Format: uuid */
                        productId?: string;
                        /** Format: uuid */
                        supplierId?: string;
                        /**
                         * Format: date
                         * @description first receipt business day of the lots (product and supplier recalls)
                         */
                        fromDate?: string;
                        /** Format: date */
                        toDate?: string;
                        reason: string;
                        /** @description refund the recalled units of every affected order on confirmation */
                        refund?: boolean;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            regionId: string;
                            lots: {
                                lotId: string;
                                warehouseName: string;
                                productName: string;
                                expiresOn: string | null;
                                remaining: number;
                            }[];
                            progress: {
                                lines: number;
                                customers: number;
                                units: number;
                                pickupPoints: number;
                                customersNotified: number;
                                leaders: number;
                                leadersNotified: number;
                                refundedLines: number;
                                refundedCustomers: number;
                                refundedFen: number;
                                unitsRecovered: number;
                                unitsBlocked: number;
                                dealsClosed: number;
                            };
                            lines: {
                                orderLineId: string;
                                orderId: string;
                                customerName: string;
                                /** @description masked (138****1234) unless the caller is an admin of every region */
                                phone: string;
                                pickupPointId: string;
                                pickupPointName: string;
                                leaderName: string | null;
                                productName: string;
                                units: number;
                                quantity: number;
                                refundedFen: number;
                                refunded: boolean;
                                notified: boolean;
                            }[];
                        };
                    };
                };
                400: components["responses"]["Error"];
                401: components["responses"]["Error"];
                403: components["responses"]["Error"];
                404: components["responses"]["Error"];
                409: components["responses"]["Error"];
                429: components["responses"]["Error"];
                503: components["responses"]["Error"];
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/admin/recalls/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            id: string;
                            regionId: string;
                            /** @enum {string} */
                            scope: "lot" | "product" | "supplier";
                            lotId: string | null;
                            productId: string | null;
                            supplierId: string | null;
                            subject: string;
                            fromDate: string | null;
                            toDate: string | null;
                            reason: string;
                            refund: boolean;
                            /** @enum {string} */
                            status: "draft" | "active" | "closed";
                            createdAt: string;
                            confirmedAt: string | null;
                            deadlineAt: string | null;
                            closedAt: string | null;
                            overdue: boolean;
                            lots: {
                                lotId: string;
                                warehouseName: string;
                                productName: string;
                                expiresOn: string | null;
                                remaining: number;
                            }[];
                            progress: {
                                lines: number;
                                customers: number;
                                units: number;
                                pickupPoints: number;
                                customersNotified: number;
                                leaders: number;
                                leadersNotified: number;
                                refundedLines: number;
                                refundedCustomers: number;
                                refundedFen: number;
                                unitsRecovered: number;
                                unitsBlocked: number;
                                dealsClosed: number;
                            };
                        };
                    };
                };
                400: components["responses"]["Error"];
                401: components["responses"]["Error"];
                403: components["responses"]["Error"];
                404: components["responses"]["Error"];
                409: components["responses"]["Error"];
                429: components["responses"]["Error"];
                503: components["responses"]["Error"];
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/admin/recalls/{id}/lines": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** @description Every affected order line with its customer and pickup point (a draft: what confirming would cover). */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            orderLineId: string;
                            orderId: string;
                            customerName: string;
                            /** @description masked (138****1234) unless the caller is an admin of every region */
                            phone: string;
                            pickupPointId: string;
                            pickupPointName: string;
                            leaderName: string | null;
                            productName: string;
                            units: number;
                            quantity: number;
                            refundedFen: number;
                            refunded: boolean;
                            notified: boolean;
                        }[];
                    };
                };
                400: components["responses"]["Error"];
                401: components["responses"]["Error"];
                403: components["responses"]["Error"];
                404: components["responses"]["Error"];
                409: components["responses"]["Error"];
                429: components["responses"]["Error"];
                503: components["responses"]["Error"];
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/admin/recalls/{id}/lines.xlsx": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** @description The affected lines as an .xlsx workbook; column headers in `lang`. */
        get: {
            parameters: {
                query?: {
                    lang?: "zh-CN" | "en";
                };
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description an .xlsx file (application/vnd.openxmlformats-officedocument.spreadsheetml.sheet) */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": unknown;
                    };
                };
                400: components["responses"]["Error"];
                401: components["responses"]["Error"];
                403: components["responses"]["Error"];
                404: components["responses"]["Error"];
                409: components["responses"]["Error"];
                429: components["responses"]["Error"];
                503: components["responses"]["Error"];
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/admin/recalls/{id}/confirm": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** @description Confirms a draft once: stops the sale, blocks the lots’ free units, notifies customers and leaders, refunds when the recall refunds. A second confirmation answers the recall (ranNow false) and does nothing again. */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            id: string;
                            regionId: string;
                            /** @enum {string} */
                            scope: "lot" | "product" | "supplier";
                            lotId: string | null;
                            productId: string | null;
                            supplierId: string | null;
                            subject: string;
                            fromDate: string | null;
                            toDate: string | null;
                            reason: string;
                            refund: boolean;
                            /** @enum {string} */
                            status: "draft" | "active" | "closed";
                            createdAt: string;
                            confirmedAt: string | null;
                            deadlineAt: string | null;
                            closedAt: string | null;
                            overdue: boolean;
                            lots: {
                                lotId: string;
                                warehouseName: string;
                                productName: string;
                                expiresOn: string | null;
                                remaining: number;
                            }[];
                            progress: {
                                lines: number;
                                customers: number;
                                units: number;
                                pickupPoints: number;
                                customersNotified: number;
                                leaders: number;
                                leadersNotified: number;
                                refundedLines: number;
                                refundedCustomers: number;
                                refundedFen: number;
                                unitsRecovered: number;
                                unitsBlocked: number;
                                dealsClosed: number;
                            };
                            ranNow: boolean;
                        };
                    };
                };
                400: components["responses"]["Error"];
                401: components["responses"]["Error"];
                403: components["responses"]["Error"];
                404: components["responses"]["Error"];
                409: components["responses"]["Error"];
                429: components["responses"]["Error"];
                503: components["responses"]["Error"];
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/admin/recalls/{id}/refund": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** @description Refunds the recalled units of every affected order not refunded yet (each order once). */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            refunds: number;
                            amountFen: number;
                        };
                    };
                };
                400: components["responses"]["Error"];
                401: components["responses"]["Error"];
                403: components["responses"]["Error"];
                404: components["responses"]["Error"];
                409: components["responses"]["Error"];
                429: components["responses"]["Error"];
                503: components["responses"]["Error"];
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/admin/recalls/{id}/returns": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** @description Records units brought back at a pickup point (never more than the recall has there). */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /** Format: uuid */
                        pickupPointId: string;
                        units: number;
                        businessKey?: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            id: string;
                            regionId: string;
                            /** @enum {string} */
                            scope: "lot" | "product" | "supplier";
                            lotId: string | null;
                            productId: string | null;
                            supplierId: string | null;
                            subject: string;
                            fromDate: string | null;
                            toDate: string | null;
                            reason: string;
                            refund: boolean;
                            /** @enum {string} */
                            status: "draft" | "active" | "closed";
                            createdAt: string;
                            confirmedAt: string | null;
                            deadlineAt: string | null;
                            closedAt: string | null;
                            overdue: boolean;
                            lots: {
                                lotId: string;
                                warehouseName: string;
                                productName: string;
                                expiresOn: string | null;
                                remaining: number;
                            }[];
                            progress: {
                                lines: number;
                                customers: number;
                                units: number;
                                pickupPoints: number;
                                customersNotified: number;
                                leaders: number;
                                leadersNotified: number;
                                refundedLines: number;
                                refundedCustomers: number;
                                refundedFen: number;
                                unitsRecovered: number;
                                unitsBlocked: number;
                                dealsClosed: number;
                            };
                        };
                    };
                };
                400: components["responses"]["Error"];
                401: components["responses"]["Error"];
                403: components["responses"]["Error"];
                404: components["responses"]["Error"];
                409: components["responses"]["Error"];
                429: components["responses"]["Error"];
                503: components["responses"]["Error"];
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/admin/recalls/{id}/close": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** @description Closes a finished recall (every customer notified and, if it refunds, refunded); else 409. */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            id: string;
                            regionId: string;
                            /** @enum {string} */
                            scope: "lot" | "product" | "supplier";
                            lotId: string | null;
                            productId: string | null;
                            supplierId: string | null;
                            subject: string;
                            fromDate: string | null;
                            toDate: string | null;
                            reason: string;
                            refund: boolean;
                            /** @enum {string} */
                            status: "draft" | "active" | "closed";
                            createdAt: string;
                            confirmedAt: string | null;
                            deadlineAt: string | null;
                            closedAt: string | null;
                            overdue: boolean;
                            lots: {
                                lotId: string;
                                warehouseName: string;
                                productName: string;
                                expiresOn: string | null;
                                remaining: number;
                            }[];
                            progress: {
                                lines: number;
                                customers: number;
                                units: number;
                                pickupPoints: number;
                                customersNotified: number;
                                leaders: number;
                                leadersNotified: number;
                                refundedLines: number;
                                refundedCustomers: number;
                                refundedFen: number;
                                unitsRecovered: number;
                                unitsBlocked: number;
                                dealsClosed: number;
                            };
                        };
                    };
                };
                400: components["responses"]["Error"];
                401: components["responses"]["Error"];
                403: components["responses"]["Error"];
                404: components["responses"]["Error"];
                409: components["responses"]["Error"];
                429: components["responses"]["Error"];
                503: components["responses"]["Error"];
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/leader/recalls": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** @description Recalls under way at the leader’s pickup point, soonest deadline first: units there and units brought back. timeZone is the point’s region’s, to show the deadline on its clock; products the recalled ones bought there. */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            id: string;
                            subject: string;
                            reason: string;
                            deadlineAt: string | null;
                            timeZone: string;
                            products: string[];
                            customers: number;
                            units: number;
                            unitsRecovered: number;
                        }[];
                    };
                };
                400: components["responses"]["Error"];
                401: components["responses"]["Error"];
                403: components["responses"]["Error"];
                404: components["responses"]["Error"];
                409: components["responses"]["Error"];
                429: components["responses"]["Error"];
                503: components["responses"]["Error"];
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/leader/recalls/{id}/returns": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** @description The leader records units customers brought back to the pickup point; answers the point’s units and units brought back so far. A businessKey records once (a retry or a double tap answers the same total); more than the recall has at the point is 409 LIMIT_EXCEEDED (details soldUnits, recoveredUnits), a recall without lines at the point 404. */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        units: number;
                        businessKey?: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            unitsRecovered: number;
                            units: number;
                        };
                    };
                };
                400: components["responses"]["Error"];
                401: components["responses"]["Error"];
                403: components["responses"]["Error"];
                404: components["responses"]["Error"];
                409: components["responses"]["Error"];
                429: components["responses"]["Error"];
                503: components["responses"]["Error"];
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/admin/incidents": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** @description Incidents of the operator's regions, newest first, a page at a time (X-Next-Cursor); `status` open or resolved to see only those. `postmortemOverdue`: no post-mortem 72 hours after it was declared. */
        get: {
            parameters: {
                query?: {
                    /** @description The previous page's X-Next-Cursor header; absent for the first page */
                    cursor?: string;
                    /** @description Rows per page, 50 unless given, at most 200 */
                    limit?: number;
                    status?: "open" | "resolved";
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        /** @description The cursor of the next page (pass it as `cursor`); absent on the last page */
                        "X-Next-Cursor"?: string;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            id: string;
                            regionId: string;
                            /** @enum {string} */
                            grade: "A" | "B" | "C";
                            title: string;
                            /** @enum {string} */
                            status: "open" | "resolved";
                            declaredAt: string;
                            postmortemDueAt: string;
                            postmortemFiledAt: string | null;
                            postmortemOverdue: boolean;
                            orders: number;
                            customers: number;
                            messagesSent: number;
                            couponsGranted: number;
                            compensatedAt: string | null;
                        }[];
                    };
                };
                400: components["responses"]["Error"];
                401: components["responses"]["Error"];
                403: components["responses"]["Error"];
                404: components["responses"]["Error"];
                409: components["responses"]["Error"];
                429: components["responses"]["Error"];
                503: components["responses"]["Error"];
            };
        };
        put?: never;
        /** @description Declares an incident (事故) in `regionId` (without it: a limited operator's first region, else the default region); its post-mortem is due within 72 hours; a region the caller does not work in is 403. Grades: A: A: a large-scale event such as a widespread delivery delay, several routes or the whole region; divert through the backup warehouse at once and compensate customers with coupons; B: B: one route or a group of pickup points (a cold-chain delay, a damaged batch); handled by the standard procedure, customers compensated; C: C: a single pickup point or a few orders; handled by customer service and the leader. */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /** Format: uuid */
                        regionId?: string;
                        /** @enum {string} */
                        grade: "A" | "B" | "C";
                        title: string;
                        description: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            id: string;
                            regionId: string;
                            /** @enum {string} */
                            grade: "A" | "B" | "C";
                            title: string;
                            /** @enum {string} */
                            status: "open" | "resolved";
                            declaredAt: string;
                            postmortemDueAt: string;
                            postmortemFiledAt: string | null;
                            postmortemOverdue: boolean;
                            orders: number;
                            customers: number;
                            messagesSent: number;
                            couponsGranted: number;
                            compensatedAt: string | null;
                            description: string;
                            criteria: {
                                routeIds?: string[];
                                pickupPointIds?: string[];
                                productIds?: string[];
                                /** @description deals (campaign items) */
                                campaignItemIds?: string[];
                                /**
                                 * Format: date-time
                                 * @description orders placed at or after
                                 */
                                placedFrom?: string;
                                /**
                                 * Format: date-time
                                 * @description orders placed before
                                 */
                                placedTo?: string;
                                /**
                                 * Format: date
                                 * @description orders picked up on or after this day
                                 */
                                pickupFrom?: string;
                                /**
                                 * Format: date
                                 * @description orders picked up on or before this day
                                 */
                                pickupTo?: string;
                            } | null;
                            selectedAt: string | null;
                            message: string | null;
                            couponTemplate: {
                                id: string;
                                name: string;
                            } | null;
                            resolvedAt: string | null;
                            postmortem: {
                                cause: string;
                                impact: string;
                                actions: string;
                                prevention: string;
                                filedBy: string;
                                filedAt: string;
                            } | null;
                            timeline: {
                                /** @enum {string} */
                                kind: "declared" | "orders_selected" | "compensated" | "resolved" | "postmortem_filed";
                                at: string;
                                actor: string | null;
                                details: {
                                    [key: string]: unknown;
                                };
                            }[];
                        };
                    };
                };
                400: components["responses"]["Error"];
                401: components["responses"]["Error"];
                403: components["responses"]["Error"];
                404: components["responses"]["Error"];
                409: components["responses"]["Error"];
                429: components["responses"]["Error"];
                503: components["responses"]["Error"];
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/admin/incidents/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** @description An incident with its selection, compensation, post-mortem and timeline. */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            id: string;
                            regionId: string;
                            /** @enum {string} */
                            grade: "A" | "B" | "C";
                            title: string;
                            /** @enum {string} */
                            status: "open" | "resolved";
                            declaredAt: string;
                            postmortemDueAt: string;
                            postmortemFiledAt: string | null;
                            postmortemOverdue: boolean;
                            orders: number;
                            customers: number;
                            messagesSent: number;
                            couponsGranted: number;
                            compensatedAt: string | null;
                            description: string;
                            criteria: {
                                routeIds?: string[];
                                pickupPointIds?: string[];
                                productIds?: string[];
                                /** @description deals (campaign items) */
                                campaignItemIds?: string[];
                                /**
                                 * Format: date-time
                                 * @description orders placed at or after
                                 */
                                placedFrom?: string;
                                /**
                                 * Format: date-time
                                 * @description orders placed before
                                 */
                                placedTo?: string;
                                /**
                                 * Format: date
                                 * @description orders picked up on or after this day
                                 */
                                pickupFrom?: string;
                                /**
                                 * Format: date
                                 * @description orders picked up on or before this day
                                 */
                                pickupTo?: string;
                            } | null;
                            selectedAt: string | null;
                            message: string | null;
                            couponTemplate: {
                                id: string;
                                name: string;
                            } | null;
                            resolvedAt: string | null;
                            postmortem: {
                                cause: string;
                                impact: string;
                                actions: string;
                                prevention: string;
                                filedBy: string;
                                filedAt: string;
                            } | null;
                            timeline: {
                                /** @enum {string} */
                                kind: "declared" | "orders_selected" | "compensated" | "resolved" | "postmortem_filed";
                                at: string;
                                actor: string | null;
                                details: {
                                    [key: string]: unknown;
                                };
                            }[];
                        };
                    };
                };
                400: components["responses"]["Error"];
                401: components["responses"]["Error"];
                403: components["responses"]["Error"];
                404: components["responses"]["Error"];
                409: components["responses"]["Error"];
                429: components["responses"]["Error"];
                503: components["responses"]["Error"];
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/admin/incidents/{id}/preview": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** @description How many of the region's paid orders, and customers, the criteria select, with the newest 20; writes nothing. Within a kind any of the named ones, across kinds all; products and deals are one kind. At least one criterion (400); routes, pickup points and deals of another region are 404. */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        routeIds?: string[];
                        pickupPointIds?: string[];
                        productIds?: string[];
                        /** @description deals (campaign items) */
                        campaignItemIds?: string[];
                        /**
                         * Format: date-time
                         * @description orders placed at or after
                         */
                        placedFrom?: string;
                        /**
                         * Format: date-time
                         * @description orders placed before
                         */
                        placedTo?: string;
                        /**
                         * Format: date
                         * @description orders picked up on or after this day
                         */
                        pickupFrom?: string;
                        /**
                         * Format: date
                         * @description orders picked up on or before this day
                         */
                        pickupTo?: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            orders: number;
                            customers: number;
                            sample: {
                                orderId: string;
                                orderNo: string;
                                customerName: string;
                                /** @description masked: 138****5678 */
                                customerPhone: string;
                                pickupPointName: string | null;
                                routeName: string | null;
                                pickupDate: string | null;
                                totalFen: number;
                                placedAt: string;
                            }[];
                        };
                    };
                };
                400: components["responses"]["Error"];
                401: components["responses"]["Error"];
                403: components["responses"]["Error"];
                404: components["responses"]["Error"];
                409: components["responses"]["Error"];
                429: components["responses"]["Error"];
                503: components["responses"]["Error"];
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/admin/incidents/{id}/orders": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** @description The incident's affected orders, newest first, a page at a time (X-Next-Cursor). */
        get: {
            parameters: {
                query?: {
                    /** @description The previous page's X-Next-Cursor header; absent for the first page */
                    cursor?: string;
                    /** @description Rows per page, 50 unless given, at most 200 */
                    limit?: number;
                };
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        /** @description The cursor of the next page (pass it as `cursor`); absent on the last page */
                        "X-Next-Cursor"?: string;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            orderId: string;
                            orderNo: string;
                            customerName: string;
                            /** @description masked: 138****5678 */
                            customerPhone: string;
                            pickupPointName: string | null;
                            routeName: string | null;
                            pickupDate: string | null;
                            totalFen: number;
                            placedAt: string;
                        }[];
                    };
                };
                400: components["responses"]["Error"];
                401: components["responses"]["Error"];
                403: components["responses"]["Error"];
                404: components["responses"]["Error"];
                409: components["responses"]["Error"];
                429: components["responses"]["Error"];
                503: components["responses"]["Error"];
            };
        };
        /** @description Keeps the criteria's orders as the incident's affected orders, replacing a former selection; 409 once its customers were compensated or it was resolved. */
        put: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        routeIds?: string[];
                        pickupPointIds?: string[];
                        productIds?: string[];
                        /** @description deals (campaign items) */
                        campaignItemIds?: string[];
                        /**
                         * Format: date-time
                         * @description orders placed at or after
                         */
                        placedFrom?: string;
                        /**
                         * Format: date-time
                         * @description orders placed before
                         */
                        placedTo?: string;
                        /**
                         * Format: date
                         * @description orders picked up on or after this day
                         */
                        pickupFrom?: string;
                        /**
                         * Format: date
                         * @description orders picked up on or before this day
                         */
                        pickupTo?: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            id: string;
                            regionId: string;
                            /** @enum {string} */
                            grade: "A" | "B" | "C";
                            title: string;
                            /** @enum {string} */
                            status: "open" | "resolved";
                            declaredAt: string;
                            postmortemDueAt: string;
                            postmortemFiledAt: string | null;
                            postmortemOverdue: boolean;
                            orders: number;
                            customers: number;
                            messagesSent: number;
                            couponsGranted: number;
                            compensatedAt: string | null;
                            description: string;
                            criteria: {
                                routeIds?: string[];
                                pickupPointIds?: string[];
                                productIds?: string[];
                                /** @description deals (campaign items) */
                                campaignItemIds?: string[];
                                /**
                                 * Format: date-time
                                 * @description orders placed at or after
                                 */
                                placedFrom?: string;
                                /**
                                 * Format: date-time
                                 * @description orders placed before
                                 */
                                placedTo?: string;
                                /**
                                 * Format: date
                                 * @description orders picked up on or after this day
                                 */
                                pickupFrom?: string;
                                /**
                                 * Format: date
                                 * @description orders picked up on or before this day
                                 */
                                pickupTo?: string;
                            } | null;
                            selectedAt: string | null;
                            message: string | null;
                            couponTemplate: {
                                id: string;
                                name: string;
                            } | null;
                            resolvedAt: string | null;
                            postmortem: {
                                cause: string;
                                impact: string;
                                actions: string;
                                prevention: string;
                                filedBy: string;
                                filedAt: string;
                            } | null;
                            timeline: {
                                /** @enum {string} */
                                kind: "declared" | "orders_selected" | "compensated" | "resolved" | "postmortem_filed";
                                at: string;
                                actor: string | null;
                                details: {
                                    [key: string]: unknown;
                                };
                            }[];
                        };
                    };
                };
                400: components["responses"]["Error"];
                401: components["responses"]["Error"];
                403: components["responses"]["Error"];
                404: components["responses"]["Error"];
                409: components["responses"]["Error"];
                429: components["responses"]["Error"];
                503: components["responses"]["Error"];
            };
        };
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/admin/incidents/{id}/orders.xlsx": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** @description The incident's affected orders as an .xlsx workbook (phones masked), whether each customer was compensated; column headers in `lang`. */
        get: {
            parameters: {
                query?: {
                    lang?: "zh-CN" | "en";
                };
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description an .xlsx file (application/vnd.openxmlformats-officedocument.spreadsheetml.sheet) */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": unknown;
                    };
                };
                400: components["responses"]["Error"];
                401: components["responses"]["Error"];
                403: components["responses"]["Error"];
                404: components["responses"]["Error"];
                409: components["responses"]["Error"];
                429: components["responses"]["Error"];
                503: components["responses"]["Error"];
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/admin/incidents/{id}/compensate": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** @description Sends every affected customer, once, the message (in-app and through the notification gateway, kind `incident`) and one coupon, whatever their number of affected orders: of `couponTemplateId`, or of a new template described by `newCoupon` (¥ off above a threshold, one per customer). Retried or sent twice at once, it sends and grants nothing more and answers the same (`ranNow` false). 409 before orders are selected; 409 COUPON_UNAVAILABLE for a paused or expired template. */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        message: string;
                        /** Format: uuid */
                        couponTemplateId?: string;
                        newCoupon?: {
                            name: string;
                            discountFen: number;
                            thresholdFen: number;
                            validDays: number;
                        };
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            id: string;
                            regionId: string;
                            /** @enum {string} */
                            grade: "A" | "B" | "C";
                            title: string;
                            /** @enum {string} */
                            status: "open" | "resolved";
                            declaredAt: string;
                            postmortemDueAt: string;
                            postmortemFiledAt: string | null;
                            postmortemOverdue: boolean;
                            orders: number;
                            customers: number;
                            messagesSent: number;
                            couponsGranted: number;
                            compensatedAt: string | null;
                            description: string;
                            criteria: {
                                routeIds?: string[];
                                pickupPointIds?: string[];
                                productIds?: string[];
                                /** @description deals (campaign items) */
                                campaignItemIds?: string[];
                                /**
                                 * Format: date-time
                                 * @description orders placed at or after
                                 */
                                placedFrom?: string;
                                /**
                                 * Format: date-time
                                 * @description orders placed before
                                 */
                                placedTo?: string;
                                /**
                                 * Format: date
                                 * @description orders picked up on or after this day
                                 */
                                pickupFrom?: string;
                                /**
                                 * Format: date
                                 * @description orders picked up on or before this day
                                 */
                                pickupTo?: string;
                            } | null;
                            selectedAt: string | null;
                            message: string | null;
                            couponTemplate: {
                                id: string;
                                name: string;
                            } | null;
                            resolvedAt: string | null;
                            postmortem: {
                                cause: string;
                                impact: string;
                                actions: string;
                                prevention: string;
                                filedBy: string;
                                filedAt: string;
                            } | null;
                            timeline: {
                                /** @enum {string} */
                                kind: "declared" | "orders_selected" | "compensated" | "resolved" | "postmortem_filed";
                                at: string;
                                actor: string | null;
                                details: {
                                    [key: string]: unknown;
                                };
                            }[];
                            ranNow: boolean;
                        };
                    };
                };
                400: components["responses"]["Error"];
                401: components["responses"]["Error"];
                403: components["responses"]["Error"];
                404: components["responses"]["Error"];
                409: components["responses"]["Error"];
                429: components["responses"]["Error"];
                503: components["responses"]["Error"];
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/admin/incidents/{id}/postmortem": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** @description Files the post-mortem (复盘): cause, impact, actions taken and prevention, by the caller, now; once (409 after). */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        cause: string;
                        impact: string;
                        actions: string;
                        prevention: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            id: string;
                            regionId: string;
                            /** @enum {string} */
                            grade: "A" | "B" | "C";
                            title: string;
                            /** @enum {string} */
                            status: "open" | "resolved";
                            declaredAt: string;
                            postmortemDueAt: string;
                            postmortemFiledAt: string | null;
                            postmortemOverdue: boolean;
                            orders: number;
                            customers: number;
                            messagesSent: number;
                            couponsGranted: number;
                            compensatedAt: string | null;
                            description: string;
                            criteria: {
                                routeIds?: string[];
                                pickupPointIds?: string[];
                                productIds?: string[];
                                /** @description deals (campaign items) */
                                campaignItemIds?: string[];
                                /**
                                 * Format: date-time
                                 * @description orders placed at or after
                                 */
                                placedFrom?: string;
                                /**
                                 * Format: date-time
                                 * @description orders placed before
                                 */
                                placedTo?: string;
                                /**
                                 * Format: date
                                 * @description orders picked up on or after this day
                                 */
                                pickupFrom?: string;
                                /**
                                 * Format: date
                                 * @description orders picked up on or before this day
                                 */
                                pickupTo?: string;
                            } | null;
                            selectedAt: string | null;
                            message: string | null;
                            couponTemplate: {
                                id: string;
                                name: string;
                            } | null;
                            resolvedAt: string | null;
                            postmortem: {
                                cause: string;
                                impact: string;
                                actions: string;
                                prevention: string;
                                filedBy: string;
                                filedAt: string;
                            } | null;
                            timeline: {
                                /** @enum {string} */
                                kind: "declared" | "orders_selected" | "compensated" | "resolved" | "postmortem_filed";
                                at: string;
                                actor: string | null;
                                details: {
                                    [key: string]: unknown;
                                };
                            }[];
                        };
                    };
                };
                400: components["responses"]["Error"];
                401: components["responses"]["Error"];
                403: components["responses"]["Error"];
                404: components["responses"]["Error"];
                409: components["responses"]["Error"];
                429: components["responses"]["Error"];
                503: components["responses"]["Error"];
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/admin/incidents/{id}/resolve": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** @description Marks the incident resolved (the post-mortem may still follow); a resolved one stays as it is. */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            id: string;
                            regionId: string;
                            /** @enum {string} */
                            grade: "A" | "B" | "C";
                            title: string;
                            /** @enum {string} */
                            status: "open" | "resolved";
                            declaredAt: string;
                            postmortemDueAt: string;
                            postmortemFiledAt: string | null;
                            postmortemOverdue: boolean;
                            orders: number;
                            customers: number;
                            messagesSent: number;
                            couponsGranted: number;
                            compensatedAt: string | null;
                            description: string;
                            criteria: {
                                routeIds?: string[];
                                pickupPointIds?: string[];
                                productIds?: string[];
                                /** @description deals (campaign items) */
                                campaignItemIds?: string[];
                                /**
                                 * Format: date-time
                                 * @description orders placed at or after
                                 */
                                placedFrom?: string;
                                /**
                                 * Format: date-time
                                 * @description orders placed before
                                 */
                                placedTo?: string;
                                /**
                                 * Format: date
                                 * @description orders picked up on or after this day
                                 */
                                pickupFrom?: string;
                                /**
                                 * Format: date
                                 * @description orders picked up on or before this day
                                 */
                                pickupTo?: string;
                            } | null;
                            selectedAt: string | null;
                            message: string | null;
                            couponTemplate: {
                                id: string;
                                name: string;
                            } | null;
                            resolvedAt: string | null;
                            postmortem: {
                                cause: string;
                                impact: string;
                                actions: string;
                                prevention: string;
                                filedBy: string;
                                filedAt: string;
                            } | null;
                            timeline: {
                                /** @enum {string} */
                                kind: "declared" | "orders_selected" | "compensated" | "resolved" | "postmortem_filed";
                                at: string;
                                actor: string | null;
                                details: {
                                    [key: string]: unknown;
                                };
                            }[];
                        };
                    };
                };
                400: components["responses"]["Error"];
                401: components["responses"]["Error"];
                403: components["responses"]["Error"];
                404: components["responses"]["Error"];
                409: components["responses"]["Error"];
                429: components["responses"]["Error"];
                503: components["responses"]["Error"];
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/admin/temperature-readings": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** @description A route's temperature readings of a delivery day, dispatch and arrival, oldest first */
        get: {
            parameters: {
                query: {
                    routeId: string;
                    day: string;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            items: {
                                id: string;
                                routeId: string;
                                day: string;
                                /** @enum {string} */
                                stage: "dispatch" | "arrival";
                                /**
                                 * @description only chilled (冷藏) and frozen (冷冻) goods are read
                                 * @enum {string}
                                 */
                                zone: "chilled" | "frozen";
                                pickupPointId: string | null;
                                pickupPointName: string | null;
                                tenths: number;
                                /** @description the range in force when it was read (null: no lower bound) */
                                minTenths: number | null;
                                maxTenths: number;
                                inRange: boolean;
                                /** @enum {string} */
                                source: "warehouse" | "leader" | "logger";
                                measuredAt: string;
                            }[];
                        };
                    };
                };
                400: components["responses"]["Error"];
                401: components["responses"]["Error"];
                403: components["responses"]["Error"];
                404: components["responses"]["Error"];
                409: components["responses"]["Error"];
                429: components["responses"]["Error"];
                503: components["responses"]["Error"];
            };
        };
        put?: never;
        /** @description A dispatch reading of a route's truck (the warehouse, at loading). Out of the zone's range: an operator alert, and the points' leaders may refuse that zone's goods. */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /** Format: uuid */
                        routeId: string;
                        /** Format: date */
                        day: string;
                        /**
                         * @description only chilled (冷藏) and frozen (冷冻) goods are read
                         * @enum {string}
                         */
                        zone: "chilled" | "frozen";
                        /** @description tenths of a degree Celsius, −500 … 600 (−18.5 °C: −185) */
                        tenths: number;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            id: string;
                            routeId: string;
                            day: string;
                            /** @enum {string} */
                            stage: "dispatch" | "arrival";
                            /**
                             * @description only chilled (冷藏) and frozen (冷冻) goods are read
                             * @enum {string}
                             */
                            zone: "chilled" | "frozen";
                            pickupPointId: string | null;
                            pickupPointName: string | null;
                            tenths: number;
                            /** @description the range in force when it was read (null: no lower bound) */
                            minTenths: number | null;
                            maxTenths: number;
                            inRange: boolean;
                            /** @enum {string} */
                            source: "warehouse" | "leader" | "logger";
                            measuredAt: string;
                        };
                    };
                };
                400: components["responses"]["Error"];
                401: components["responses"]["Error"];
                403: components["responses"]["Error"];
                404: components["responses"]["Error"];
                409: components["responses"]["Error"];
                429: components["responses"]["Error"];
                503: components["responses"]["Error"];
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/admin/temperature-loggers": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** @description The temperature loggers of the warehouses of my regions (never their secrets) */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            items: {
                                id: string;
                                name: string;
                                warehouseId: string;
                                warehouseName: string;
                                signed: boolean;
                                active: boolean;
                                createdAt: string;
                                lastReadingAt: string | null;
                            }[];
                        };
                    };
                };
                400: components["responses"]["Error"];
                401: components["responses"]["Error"];
                403: components["responses"]["Error"];
                404: components["responses"]["Error"];
                409: components["responses"]["Error"];
                429: components["responses"]["Error"];
                503: components["responses"]["Error"];
            };
        };
        put?: never;
        /** @description Registers a temperature logger of a warehouse. The answer holds its signing secret, this once: it signs each delivery to POST /coldchain/logger-readings. `unsigned`: a logger without a secret, refused in production (409 SECRET_REQUIRED). */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        name: string;
                        /** Format: uuid */
                        warehouseId: string;
                        unsigned?: boolean;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            logger: {
                                id: string;
                                name: string;
                                warehouseId: string;
                                warehouseName: string;
                                signed: boolean;
                                active: boolean;
                                createdAt: string;
                                lastReadingAt: string | null;
                            };
                            secret: string | null;
                        };
                    };
                };
                400: components["responses"]["Error"];
                401: components["responses"]["Error"];
                403: components["responses"]["Error"];
                404: components["responses"]["Error"];
                409: components["responses"]["Error"];
                429: components["responses"]["Error"];
                503: components["responses"]["Error"];
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/coldchain/logger-readings": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** @description A temperature logger posts readings. Headers: x-linli-logger (its id), x-linli-timestamp (Unix seconds), x-linli-signature (hex HMAC-SHA256 with its secret over `<timestamp>.<raw body>`). 401 BAD_SIGNATURE for an unknown logger, a wrong signature or a timestamp more than 5 minutes off; 409 REPLAYED for a delivery received before. Nothing is written then. */
        post: {
            parameters: {
                query?: never;
                header?: {
                    "x-linli-logger"?: string;
                    "x-linli-timestamp"?: string;
                    "x-linli-signature"?: string;
                };
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        readings: {
                            /** Format: uuid */
                            routeId: string;
                            /**
                             * Format: date
                             * @description the delivery day; default: the measuring time's date in the route's region
                             */
                            day?: string;
                            /** @enum {string} */
                            stage: "dispatch" | "arrival";
                            /**
                             * @description only chilled (冷藏) and frozen (冷冻) goods are read
                             * @enum {string}
                             */
                            zone: "chilled" | "frozen";
                            /**
                             * Format: uuid
                             * @description arrival readings: the point
                             */
                            pickupPointId?: string;
                            /** @description tenths of a degree Celsius, −500 … 600 (−18.5 °C: −185) */
                            tenths: number;
                            /** Format: date-time */
                            measuredAt: string;
                        }[];
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            recorded: number;
                            breaches: number;
                        };
                    };
                };
                400: components["responses"]["Error"];
                401: components["responses"]["Error"];
                403: components["responses"]["Error"];
                404: components["responses"]["Error"];
                409: components["responses"]["Error"];
                429: components["responses"]["Error"];
                503: components["responses"]["Error"];
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/admin/arrival-quality": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** @description Arrival quality (到货品质达标率) per route and week of pickup dates in [from, to]: order lines arrived without damage or temperature breach over lines dispatched (arrival confirmed), with the target (a setting, 98 % by default). */
        get: {
            parameters: {
                query: {
                    from: string;
                    to: string;
                    lang?: "zh-CN" | "en";
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            targetBps: number;
                            items: {
                                routeId: string;
                                routeName: string;
                                regionId: string;
                                /** @description the Monday of the week of pickup dates */
                                week: string;
                                dispatchedLines: number;
                                goodLines: number;
                                damagedLines: number;
                                missingLines: number;
                                breachedLines: number;
                                rateBps: number | null;
                            }[];
                            /** @description every route of my regions summed per week */
                            weeks: {
                                dispatchedLines: number;
                                goodLines: number;
                                rateBps: number | null;
                                week: string;
                            }[];
                            /** @description the whole period */
                            total: {
                                dispatchedLines: number;
                                goodLines: number;
                                rateBps: number | null;
                            };
                        };
                    };
                };
                400: components["responses"]["Error"];
                401: components["responses"]["Error"];
                403: components["responses"]["Error"];
                404: components["responses"]["Error"];
                409: components["responses"]["Error"];
                429: components["responses"]["Error"];
                503: components["responses"]["Error"];
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/admin/arrival-quality/export.xlsx": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** @description The arrival-quality report as an .xlsx workbook (one row per route and week). Headers in `lang`. */
        get: {
            parameters: {
                query: {
                    from: string;
                    to: string;
                    lang?: "zh-CN" | "en";
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description an .xlsx file (application/vnd.openxmlformats-officedocument.spreadsheetml.sheet) */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": unknown;
                    };
                };
                400: components["responses"]["Error"];
                401: components["responses"]["Error"];
                403: components["responses"]["Error"];
                404: components["responses"]["Error"];
                409: components["responses"]["Error"];
                429: components["responses"]["Error"];
                503: components["responses"]["Error"];
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/leader/temperature-readings": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** @description An arrival reading at my point for a campaign's delivery (after dispatch). Out of range: an operator alert, and the zone's goods may be refused. */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /** Format: uuid */
                        campaignId: string;
                        /**
                         * @description only chilled (冷藏) and frozen (冷冻) goods are read
                         * @enum {string}
                         */
                        zone: "chilled" | "frozen";
                        /** @description tenths of a degree Celsius, −500 … 600 (−18.5 °C: −185) */
                        tenths: number;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            id: string;
                            routeId: string;
                            day: string;
                            /** @enum {string} */
                            stage: "dispatch" | "arrival";
                            /**
                             * @description only chilled (冷藏) and frozen (冷冻) goods are read
                             * @enum {string}
                             */
                            zone: "chilled" | "frozen";
                            pickupPointId: string | null;
                            pickupPointName: string | null;
                            tenths: number;
                            /** @description the range in force when it was read (null: no lower bound) */
                            minTenths: number | null;
                            maxTenths: number;
                            inRange: boolean;
                            /** @enum {string} */
                            source: "warehouse" | "leader" | "logger";
                            measuredAt: string;
                        };
                    };
                };
                400: components["responses"]["Error"];
                401: components["responses"]["Error"];
                403: components["responses"]["Error"];
                404: components["responses"]["Error"];
                409: components["responses"]["Error"];
                429: components["responses"]["Error"];
                503: components["responses"]["Error"];
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/leader/arrivals/refuse": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** @description Refuse a zone's goods after a reading out of range (at the route's dispatch or my arrival): its products not yet confirmed are confirmed as damaged and their customers refunded at once as arrival losses. 409 NO_TEMPERATURE_BREACH without such a reading; 409 INVALID_STATE when nothing of the zone is left to confirm. */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /** Format: uuid */
                        campaignId: string;
                        /**
                         * @description only chilled (冷藏) and frozen (冷冻) goods are read
                         * @enum {string}
                         */
                        zone: "chilled" | "frozen";
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            campaignId: string;
                            pickupPointId: string;
                            lines: {
                                productId: string;
                                expectedQuantity: number;
                                receivedQuantity: number;
                                missingQuantity: number;
                                damagedQuantity: number;
                                arrivedLines: number;
                                refundedUnits: number;
                            }[];
                            readyOrders: number;
                            refunds: {
                                count: number;
                                amountFen: number;
                            };
                        };
                    };
                };
                400: components["responses"]["Error"];
                401: components["responses"]["Error"];
                403: components["responses"]["Error"];
                404: components["responses"]["Error"];
                409: components["responses"]["Error"];
                429: components["responses"]["Error"];
                503: components["responses"]["Error"];
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/admin/inventory/lots": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** @description Stock by warehouse and lot, earliest expiry first, with its expiry status: expired, near (within the near-expiry rule's days), ok, or none (no expiry date). */
        get: {
            parameters: {
                query?: {
                    warehouseId?: string;
                    productId?: string;
                    status?: "expired" | "near" | "ok" | "none";
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            lotId: string;
                            warehouseId: string;
                            warehouseName: string;
                            productId: string;
                            productName: string;
                            unit: string;
                            category: string;
                            quantity: number;
                            remaining: number;
                            /** @description units set aside for an open markdown deal (尾货秒杀) */
                            onMarkdown: number;
                            expiresOn: string | null;
                            /** @description days before expiry on the warehouse region's business day */
                            daysLeft: number | null;
                            /** @description the near-expiry rule's days (the product's, else its category's) */
                            alertDays: number | null;
                            /** @enum {string} */
                            status: "expired" | "near" | "ok" | "none";
                            receivedAt: string;
                        }[];
                    };
                };
                400: components["responses"]["Error"];
                401: components["responses"]["Error"];
                403: components["responses"]["Error"];
                404: components["responses"]["Error"];
                409: components["responses"]["Error"];
                429: components["responses"]["Error"];
                503: components["responses"]["Error"];
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/admin/freshness/alert-rules": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** @description 临期提醒 rules: alert a lot this many days (or fewer) before its expiry, per product or category. */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            id: string;
                            productId: string | null;
                            productName: string | null;
                            category: string | null;
                            daysBeforeExpiry: number;
                            updatedAt: string;
                        }[];
                    };
                };
                400: components["responses"]["Error"];
                401: components["responses"]["Error"];
                403: components["responses"]["Error"];
                404: components["responses"]["Error"];
                409: components["responses"]["Error"];
                429: components["responses"]["Error"];
                503: components["responses"]["Error"];
            };
        };
        /** @description Sets a product's or a category's near-expiry rule (a second put replaces its days). */
        put: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /** Format: uuid */
                        productId?: string | null;
                        category?: string | null;
                        daysBeforeExpiry: number;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            id: string;
                            productId: string | null;
                            productName: string | null;
                            category: string | null;
                            daysBeforeExpiry: number;
                            updatedAt: string;
                        };
                    };
                };
                400: components["responses"]["Error"];
                401: components["responses"]["Error"];
                403: components["responses"]["Error"];
                404: components["responses"]["Error"];
                409: components["responses"]["Error"];
                429: components["responses"]["Error"];
                503: components["responses"]["Error"];
            };
        };
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/admin/freshness/alert-rules/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        delete: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                204: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": null;
                    };
                };
                400: components["responses"]["Error"];
                401: components["responses"]["Error"];
                403: components["responses"]["Error"];
                404: components["responses"]["Error"];
                409: components["responses"]["Error"];
                429: components["responses"]["Error"];
                503: components["responses"]["Error"];
            };
        };
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/admin/freshness/markdown-rules": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** @description 临期打折 steps: a discount (basis points of the list price) once a lot has `days` or fewer left (days_left) or is `days` or more old (age); a product’s own steps win over its category’s, the deepest step reached applies. */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            id: string;
                            productId: string | null;
                            productName: string | null;
                            category: string | null;
                            /** @enum {string} */
                            basis: "days_left" | "age";
                            days: number;
                            discountBps: number;
                            updatedAt: string;
                        }[];
                    };
                };
                400: components["responses"]["Error"];
                401: components["responses"]["Error"];
                403: components["responses"]["Error"];
                404: components["responses"]["Error"];
                409: components["responses"]["Error"];
                429: components["responses"]["Error"];
                503: components["responses"]["Error"];
            };
        };
        put?: never;
        /** @description Adds a markdown step (409 CONFLICT when the product or category has one on that day and basis). */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /** Format: uuid */
                        productId?: string | null;
                        category?: string | null;
                        /** @enum {string} */
                        basis: "days_left" | "age";
                        days: number;
                        discountBps: number;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            id: string;
                            productId: string | null;
                            productName: string | null;
                            category: string | null;
                            /** @enum {string} */
                            basis: "days_left" | "age";
                            days: number;
                            discountBps: number;
                            updatedAt: string;
                        };
                    };
                };
                400: components["responses"]["Error"];
                401: components["responses"]["Error"];
                403: components["responses"]["Error"];
                404: components["responses"]["Error"];
                409: components["responses"]["Error"];
                429: components["responses"]["Error"];
                503: components["responses"]["Error"];
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/admin/freshness/markdown-rules/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        delete: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                204: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": null;
                    };
                };
                400: components["responses"]["Error"];
                401: components["responses"]["Error"];
                403: components["responses"]["Error"];
                404: components["responses"]["Error"];
                409: components["responses"]["Error"];
                429: components["responses"]["Error"];
                503: components["responses"]["Error"];
            };
        };
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/admin/freshness/markdown-deals": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** @description The 尾货秒杀 deals the daily job made from lots at a markdown step, newest first. */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            id: string;
                            businessDay: string;
                            warehouseName: string;
                            productId: string;
                            productName: string;
                            lotId: string;
                            expiresOn: string | null;
                            campaignId: string;
                            campaignItemId: string;
                            units: number;
                            sold: number;
                            listPriceFen: number;
                            priceFen: number;
                            discountBps: number;
                            released: boolean;
                        }[];
                    };
                };
                400: components["responses"]["Error"];
                401: components["responses"]["Error"];
                403: components["responses"]["Error"];
                404: components["responses"]["Error"];
                409: components["responses"]["Error"];
                429: components["responses"]["Error"];
                503: components["responses"]["Error"];
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/admin/loss-rate": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** @description 损耗率 per week and warehouse, category or product: (written off + damaged on arrival + rejected at receiving) / units received, and the online stock loss rate (written off / units put into stock), against their limits. */
        get: {
            parameters: {
                query?: {
                    /** @description a business day: the report starts with its week (Monday, the region's time) */
                    from?: string;
                    to?: string;
                    warehouseId?: string;
                    productId?: string;
                    category?: string;
                    by?: "warehouse" | "category" | "product";
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            limits: {
                                lossRateLimitBps: number;
                                onlineLossRateLimitBps: number;
                            };
                            items: {
                                week: string;
                                warehouseId: string | null;
                                warehouseName: string | null;
                                category: string | null;
                                productId: string | null;
                                productName: string | null;
                                received: number;
                                rejected: number;
                                damaged: number;
                                writtenOff: number;
                                expired: number;
                                lost: number;
                                lossRateBps: number | null;
                                stockReceived: number;
                                stockLossRateBps: number | null;
                                overLimit: boolean;
                                overOnlineLimit: boolean;
                            }[];
                            totals: {
                                week: string;
                                warehouseId: string | null;
                                warehouseName: string | null;
                                category: string | null;
                                productId: string | null;
                                productName: string | null;
                                received: number;
                                rejected: number;
                                damaged: number;
                                writtenOff: number;
                                expired: number;
                                lost: number;
                                lossRateBps: number | null;
                                stockReceived: number;
                                stockLossRateBps: number | null;
                                overLimit: boolean;
                                overOnlineLimit: boolean;
                            };
                        };
                    };
                };
                400: components["responses"]["Error"];
                401: components["responses"]["Error"];
                403: components["responses"]["Error"];
                404: components["responses"]["Error"];
                409: components["responses"]["Error"];
                429: components["responses"]["Error"];
                503: components["responses"]["Error"];
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/admin/loss-rate/export.xlsx": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** @description The loss-rate report as an .xlsx workbook. Column headers in `lang`. */
        get: {
            parameters: {
                query?: {
                    /** @description a business day: the report starts with its week (Monday, the region's time) */
                    from?: string;
                    to?: string;
                    warehouseId?: string;
                    productId?: string;
                    category?: string;
                    by?: "warehouse" | "category" | "product";
                    lang?: "zh-CN" | "en";
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description an .xlsx file (application/vnd.openxmlformats-officedocument.spreadsheetml.sheet) */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": unknown;
                    };
                };
                400: components["responses"]["Error"];
                401: components["responses"]["Error"];
                403: components["responses"]["Error"];
                404: components["responses"]["Error"];
                409: components["responses"]["Error"];
                429: components["responses"]["Error"];
                503: components["responses"]["Error"];
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/admin/experiments": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** @description A/B experiments on deals, newest first. */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            name: string;
                            /** Format: uuid */
                            campaignItemId: string;
                            /** @enum {string} */
                            unit: "customer" | "pickup_point";
                            /** @enum {string} */
                            kind: "price" | "coupon" | "title";
                            arms: {
                                /** @description stable key: `control` for the first arm, then e.g. `a`, `b` */
                                key: string;
                                name: string;
                                weight: number;
                                priceFen?: number | null;
                                couponFen?: number | null;
                                title?: string | null;
                            }[];
                            minPerArm: number;
                            id: string;
                            regionId: string;
                            /** @enum {string} */
                            status: "draft" | "running" | "stopped";
                            startedAt: string | null;
                            stoppedAt: string | null;
                            createdAt: string;
                            deal: {
                                productName: string;
                                priceFen: number;
                                campaignId: string;
                                campaignTitle: string;
                                pickupDate: string;
                            };
                        }[];
                    };
                };
                400: components["responses"]["Error"];
                401: components["responses"]["Error"];
                403: components["responses"]["Error"];
                404: components["responses"]["Error"];
                409: components["responses"]["Error"];
                429: components["responses"]["Error"];
                503: components["responses"]["Error"];
            };
        };
        put?: never;
        /** @description Defines a draft experiment on a deal (not a flash or group-tier deal): its unit (customer or pickup point), its kind (price, coupon: an instant coupon off each unit, or title) and 2–5 weighted arms, the first the control (the deal as it is). `minPerArm` (default 500): no winner is called below it. */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        name: string;
                        /** Format: uuid */
                        campaignItemId: string;
                        /** @enum {string} */
                        unit: "customer" | "pickup_point";
                        /** @enum {string} */
                        kind: "price" | "coupon" | "title";
                        arms: {
                            /** @description stable key: `control` for the first arm, then e.g. `a`, `b` */
                            key: string;
                            name: string;
                            weight: number;
                            priceFen?: number | null;
                            couponFen?: number | null;
                            title?: string | null;
                        }[];
                        minPerArm?: number;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            name: string;
                            /** Format: uuid */
                            campaignItemId: string;
                            /** @enum {string} */
                            unit: "customer" | "pickup_point";
                            /** @enum {string} */
                            kind: "price" | "coupon" | "title";
                            arms: {
                                /** @description stable key: `control` for the first arm, then e.g. `a`, `b` */
                                key: string;
                                name: string;
                                weight: number;
                                priceFen?: number | null;
                                couponFen?: number | null;
                                title?: string | null;
                            }[];
                            minPerArm: number;
                            id: string;
                            regionId: string;
                            /** @enum {string} */
                            status: "draft" | "running" | "stopped";
                            startedAt: string | null;
                            stoppedAt: string | null;
                            createdAt: string;
                            deal: {
                                productName: string;
                                priceFen: number;
                                campaignId: string;
                                campaignTitle: string;
                                pickupDate: string;
                            };
                        };
                    };
                };
                400: components["responses"]["Error"];
                401: components["responses"]["Error"];
                403: components["responses"]["Error"];
                404: components["responses"]["Error"];
                409: components["responses"]["Error"];
                429: components["responses"]["Error"];
                503: components["responses"]["Error"];
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/admin/experiments/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            name: string;
                            /** Format: uuid */
                            campaignItemId: string;
                            /** @enum {string} */
                            unit: "customer" | "pickup_point";
                            /** @enum {string} */
                            kind: "price" | "coupon" | "title";
                            arms: {
                                /** @description stable key: `control` for the first arm, then e.g. `a`, `b` */
                                key: string;
                                name: string;
                                weight: number;
                                priceFen?: number | null;
                                couponFen?: number | null;
                                title?: string | null;
                            }[];
                            minPerArm: number;
                            id: string;
                            regionId: string;
                            /** @enum {string} */
                            status: "draft" | "running" | "stopped";
                            startedAt: string | null;
                            stoppedAt: string | null;
                            createdAt: string;
                            deal: {
                                productName: string;
                                priceFen: number;
                                campaignId: string;
                                campaignTitle: string;
                                pickupDate: string;
                            };
                        };
                    };
                };
                400: components["responses"]["Error"];
                401: components["responses"]["Error"];
                403: components["responses"]["Error"];
                404: components["responses"]["Error"];
                409: components["responses"]["Error"];
                429: components["responses"]["Error"];
                503: components["responses"]["Error"];
            };
        };
        /** @description Changes a draft (409 INVALID_STATE once started). */
        put: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        name: string;
                        /** Format: uuid */
                        campaignItemId: string;
                        /** @enum {string} */
                        unit: "customer" | "pickup_point";
                        /** @enum {string} */
                        kind: "price" | "coupon" | "title";
                        arms: {
                            /** @description stable key: `control` for the first arm, then e.g. `a`, `b` */
                            key: string;
                            name: string;
                            weight: number;
                            priceFen?: number | null;
                            couponFen?: number | null;
                            title?: string | null;
                        }[];
                        minPerArm?: number;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            name: string;
                            /** Format: uuid */
                            campaignItemId: string;
                            /** @enum {string} */
                            unit: "customer" | "pickup_point";
                            /** @enum {string} */
                            kind: "price" | "coupon" | "title";
                            arms: {
                                /** @description stable key: `control` for the first arm, then e.g. `a`, `b` */
                                key: string;
                                name: string;
                                weight: number;
                                priceFen?: number | null;
                                couponFen?: number | null;
                                title?: string | null;
                            }[];
                            minPerArm: number;
                            id: string;
                            regionId: string;
                            /** @enum {string} */
                            status: "draft" | "running" | "stopped";
                            startedAt: string | null;
                            stoppedAt: string | null;
                            createdAt: string;
                            deal: {
                                productName: string;
                                priceFen: number;
                                campaignId: string;
                                campaignTitle: string;
                                pickupDate: string;
                            };
                        };
                    };
                };
                400: components["responses"]["Error"];
                401: components["responses"]["Error"];
                403: components["responses"]["Error"];
                404: components["responses"]["Error"];
                409: components["responses"]["Error"];
                429: components["responses"]["Error"];
                503: components["responses"]["Error"];
            };
        };
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/admin/experiments/{id}/start": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** @description draft → running: checkout charges each unit its arm. 409 CONFLICT if another runs on the deal. */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            name: string;
                            /** Format: uuid */
                            campaignItemId: string;
                            /** @enum {string} */
                            unit: "customer" | "pickup_point";
                            /** @enum {string} */
                            kind: "price" | "coupon" | "title";
                            arms: {
                                /** @description stable key: `control` for the first arm, then e.g. `a`, `b` */
                                key: string;
                                name: string;
                                weight: number;
                                priceFen?: number | null;
                                couponFen?: number | null;
                                title?: string | null;
                            }[];
                            minPerArm: number;
                            id: string;
                            regionId: string;
                            /** @enum {string} */
                            status: "draft" | "running" | "stopped";
                            startedAt: string | null;
                            stoppedAt: string | null;
                            createdAt: string;
                            deal: {
                                productName: string;
                                priceFen: number;
                                campaignId: string;
                                campaignTitle: string;
                                pickupDate: string;
                            };
                        };
                    };
                };
                400: components["responses"]["Error"];
                401: components["responses"]["Error"];
                403: components["responses"]["Error"];
                404: components["responses"]["Error"];
                409: components["responses"]["Error"];
                429: components["responses"]["Error"];
                503: components["responses"]["Error"];
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/admin/experiments/{id}/stop": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** @description running → stopped: the deal sells as it is again; placed orders keep their price. */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            name: string;
                            /** Format: uuid */
                            campaignItemId: string;
                            /** @enum {string} */
                            unit: "customer" | "pickup_point";
                            /** @enum {string} */
                            kind: "price" | "coupon" | "title";
                            arms: {
                                /** @description stable key: `control` for the first arm, then e.g. `a`, `b` */
                                key: string;
                                name: string;
                                weight: number;
                                priceFen?: number | null;
                                couponFen?: number | null;
                                title?: string | null;
                            }[];
                            minPerArm: number;
                            id: string;
                            regionId: string;
                            /** @enum {string} */
                            status: "draft" | "running" | "stopped";
                            startedAt: string | null;
                            stoppedAt: string | null;
                            createdAt: string;
                            deal: {
                                productName: string;
                                priceFen: number;
                                campaignId: string;
                                campaignTitle: string;
                                pickupDate: string;
                            };
                        };
                    };
                };
                400: components["responses"]["Error"];
                401: components["responses"]["Error"];
                403: components["responses"]["Error"];
                404: components["responses"]["Error"];
                409: components["responses"]["Error"];
                429: components["responses"]["Error"];
                503: components["responses"]["Error"];
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/admin/experiments/{id}/report": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** @description Per arm: exposed units, converted units (a paid order of the deal while it ran), orders, GMV, refunds; each variant against the control: conversion difference (two-proportion z-test) and GMV per exposed unit (Welch's t-test), each with its 95 % interval and p-value. No winner while an arm is under the minimum sample. */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            experiment: {
                                name: string;
                                /** Format: uuid */
                                campaignItemId: string;
                                /** @enum {string} */
                                unit: "customer" | "pickup_point";
                                /** @enum {string} */
                                kind: "price" | "coupon" | "title";
                                arms: {
                                    /** @description stable key: `control` for the first arm, then e.g. `a`, `b` */
                                    key: string;
                                    name: string;
                                    weight: number;
                                    priceFen?: number | null;
                                    couponFen?: number | null;
                                    title?: string | null;
                                }[];
                                minPerArm: number;
                                id: string;
                                regionId: string;
                                /** @enum {string} */
                                status: "draft" | "running" | "stopped";
                                startedAt: string | null;
                                stoppedAt: string | null;
                                createdAt: string;
                                deal: {
                                    productName: string;
                                    priceFen: number;
                                    campaignId: string;
                                    campaignTitle: string;
                                    pickupDate: string;
                                };
                            };
                            alpha: number;
                            verdict: {
                                /** @enum {string} */
                                status: "insufficient_sample" | "winner" | "control_better" | "no_difference";
                                winner: string | null;
                            };
                            underMinimum: string[];
                            arms: {
                                key: string;
                                name: string;
                                priceFen: number;
                                title: string | null;
                                exposed: number;
                                converted: number;
                                conversionRate: number | null;
                                orders: number;
                                gmvFen: number;
                                refundFen: number;
                                gmvPerExposedFen: number | null;
                                vsControl: {
                                    conversion: {
                                        difference: number;
                                        ciLow: number | null;
                                        ciHigh: number | null;
                                        pValue: number | null;
                                        significant: boolean;
                                    };
                                    gmvPerExposed: {
                                        difference: number;
                                        ciLow: number | null;
                                        ciHigh: number | null;
                                        pValue: number | null;
                                        significant: boolean;
                                        df: number | null;
                                    };
                                } | null;
                            }[];
                        };
                    };
                };
                400: components["responses"]["Error"];
                401: components["responses"]["Error"];
                403: components["responses"]["Error"];
                404: components["responses"]["Error"];
                409: components["responses"]["Error"];
                429: components["responses"]["Error"];
                503: components["responses"]["Error"];
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/admin/experiments/{id}/report.xlsx": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** @description The report as an .xlsx workbook; headers in `lang`. */
        get: {
            parameters: {
                query?: {
                    lang?: "zh-CN" | "en";
                };
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description an .xlsx file (application/vnd.openxmlformats-officedocument.spreadsheetml.sheet) */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": unknown;
                    };
                };
                400: components["responses"]["Error"];
                401: components["responses"]["Error"];
                403: components["responses"]["Error"];
                404: components["responses"]["Error"];
                409: components["responses"]["Error"];
                429: components["responses"]["Error"];
                503: components["responses"]["Error"];
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/me/deal-variants": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** @description The caller's arms of the experiments running on deals of the pickup point's region: the price, instant coupon or title the shop shows instead of the deal list’s (the list itself is the same for everyone). Checkout charges the same arm, computed on the server; showing one records the unit’s first exposure. */
        get: {
            parameters: {
                query: {
                    pickupPointId: string;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            campaignItemId: string;
                            experimentId: string;
                            arm: string;
                            priceFen: number;
                            couponFen: number | null;
                            title: string | null;
                        }[];
                    };
                };
                400: components["responses"]["Error"];
                401: components["responses"]["Error"];
                403: components["responses"]["Error"];
                404: components["responses"]["Error"];
                409: components["responses"]["Error"];
                429: components["responses"]["Error"];
                503: components["responses"]["Error"];
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/admin/lifecycle/programs": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** @description A region's customer-lifecycle programs (新人券, 邀请首单券, 复购提醒, 生日券): switch, coupon template, parameters; and the coupon templates a program may grant (active, no total limit). */
        get: {
            parameters: {
                query: {
                    regionId: string;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            regionId: string;
                            programs: {
                                /** @enum {string} */
                                program: "welcome" | "first_order" | "repurchase" | "birthday";
                                enabled: boolean;
                                templateId: string | null;
                                templateName: string | null;
                                params: {
                                    [key: string]: number;
                                };
                                enabledSince: string | null;
                                birthdayTemplates: {
                                    id: string;
                                    name: string;
                                }[];
                            }[];
                            templates: {
                                id: string;
                                name: string;
                                discountFen: number | null;
                            }[];
                        };
                    };
                };
                400: components["responses"]["Error"];
                401: components["responses"]["Error"];
                403: components["responses"]["Error"];
                404: components["responses"]["Error"];
                409: components["responses"]["Error"];
                429: components["responses"]["Error"];
                503: components["responses"]["Error"];
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/admin/lifecycle/programs/{program}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        /** @description Switches and configures one program in one region. A coupon program needs a template (active, no total limit) to be switched on; repurchase takes {leadDays, minPurchases}; birthday grants the members’ birthday templates. */
        put: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    program: "welcome" | "first_order" | "repurchase" | "birthday";
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /** Format: uuid */
                        regionId: string;
                        enabled: boolean;
                        /** Format: uuid */
                        templateId?: string | null;
                        params?: {
                            leadDays?: number;
                            minPurchases?: number;
                        };
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @enum {string} */
                            program: "welcome" | "first_order" | "repurchase" | "birthday";
                            enabled: boolean;
                            templateId: string | null;
                            templateName: string | null;
                            params: {
                                [key: string]: number;
                            };
                            enabledSince: string | null;
                            birthdayTemplates: {
                                id: string;
                                name: string;
                            }[];
                        }[];
                    };
                };
                400: components["responses"]["Error"];
                401: components["responses"]["Error"];
                403: components["responses"]["Error"];
                404: components["responses"]["Error"];
                409: components["responses"]["Error"];
                429: components["responses"]["Error"];
                503: components["responses"]["Error"];
            };
        };
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/admin/lifecycle/report": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** @description Per program and month (the grant’s or reminder’s month in its region): coupons granted, redeemed, the paid orders carrying them with their GMV and coupon cost, redemption rate; reminders sent and the share of reminded customers who bought the product within 7 days. */
        get: {
            parameters: {
                query?: {
                    /** @description one region (else every region of the caller) */
                    regionId?: string;
                    /** @description first month (default: five months before this one) */
                    from?: string;
                    /** @description last month (default: this month) */
                    to?: string;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            from: string;
                            to: string;
                            items: {
                                month: string;
                                /** @enum {string} */
                                program: "welcome" | "first_order" | "repurchase" | "birthday";
                                granted: number;
                                redeemed: number;
                                orders: number;
                                gmvFen: number;
                                discountFen: number;
                                redemptionRateBps: number | null;
                                sent: number;
                                remindedCustomers: number;
                                convertedCustomers: number;
                                conversionBps: number | null;
                            }[];
                        };
                    };
                };
                400: components["responses"]["Error"];
                401: components["responses"]["Error"];
                403: components["responses"]["Error"];
                404: components["responses"]["Error"];
                409: components["responses"]["Error"];
                429: components["responses"]["Error"];
                503: components["responses"]["Error"];
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/admin/lifecycle/report/export.xlsx": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** @description The lifecycle report as an .xlsx workbook. Column headers in `lang`. */
        get: {
            parameters: {
                query?: {
                    /** @description one region (else every region of the caller) */
                    regionId?: string;
                    /** @description first month (default: five months before this one) */
                    from?: string;
                    /** @description last month (default: this month) */
                    to?: string;
                    lang?: "zh-CN" | "en";
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description an .xlsx file (application/vnd.openxmlformats-officedocument.spreadsheetml.sheet) */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": unknown;
                    };
                };
                400: components["responses"]["Error"];
                401: components["responses"]["Error"];
                403: components["responses"]["Error"];
                404: components["responses"]["Error"];
                409: components["responses"]["Error"];
                429: components["responses"]["Error"];
                503: components["responses"]["Error"];
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/admin/analytics/funnel": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** @description The purchase funnel of the last `days` business days (today included) of each of the caller’s regions (narrowed to `regionId`, once or repeated; another region is a 404): distinct people (the user when signed in, else the device) who viewed a deal, added to cart, placed an order and paid, per region and day and per pickup point and day, each day in its region’s time zone. Definitions: decision 045. */
        get: {
            parameters: {
                query?: {
                    days?: number;
                    regionId?: string | string[];
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            from: string;
                            to: string;
                            regions: {
                                regionId: string;
                                name: string;
                                timeZone: string;
                                today: string;
                            }[];
                            days: {
                                regionId: string;
                                date: string;
                                viewers: number;
                                carters: number;
                                orderers: number;
                                payers: number;
                            }[];
                            points: {
                                regionId: string;
                                date: string;
                                pickupPointId: string;
                                name: string;
                                viewers: number;
                                carters: number;
                                orderers: number;
                                payers: number;
                            }[];
                        };
                    };
                };
                400: components["responses"]["Error"];
                401: components["responses"]["Error"];
                403: components["responses"]["Error"];
                404: components["responses"]["Error"];
                409: components["responses"]["Error"];
                429: components["responses"]["Error"];
                503: components["responses"]["Error"];
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/admin/analytics/funnel/export.xlsx": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** @description The funnel (same period and regions) as an .xlsx workbook: by region and day, by pickup point and day. */
        get: {
            parameters: {
                query?: {
                    days?: number;
                    regionId?: string | string[];
                    lang?: "zh-CN" | "en";
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description an .xlsx file (application/vnd.openxmlformats-officedocument.spreadsheetml.sheet) */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": unknown;
                    };
                };
                400: components["responses"]["Error"];
                401: components["responses"]["Error"];
                403: components["responses"]["Error"];
                404: components["responses"]["Error"];
                409: components["responses"]["Error"];
                429: components["responses"]["Error"];
                503: components["responses"]["Error"];
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/admin/rfm": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** @description Customers per RFM segment as of the last nightly run, the movement between segments since last week, and the tags’ spread (the caller’s regions, or one) */
        get: {
            parameters: {
                query?: {
                    regionId?: string;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @description the region's business date of the last run */
                            asOf: string | null;
                            computedAt: string | null;
                            weekStart: string | null;
                            /** @description customers in last week's snapshot (0: no movement to show yet) */
                            previousWeekCustomers: number;
                            segments: {
                                /** @enum {string} */
                                segment: "important_value" | "important_winback" | "important_develop" | "important_retain" | "potential" | "new" | "general_maintain" | "lost" | "registered_no_order";
                                customers: number;
                                monetaryFen: number;
                                dormant: number;
                            }[];
                            /** @description customers by last week's segment (null: not in last week's snapshot) and this week's */
                            movement: {
                                /** @enum {string|null} */
                                from: "important_value" | "important_winback" | "important_develop" | "important_retain" | "potential" | "new" | "general_maintain" | "lost" | "registered_no_order" | null;
                                /** @enum {string} */
                                to: "important_value" | "important_winback" | "important_develop" | "important_retain" | "potential" | "new" | "general_maintain" | "lost" | "registered_no_order";
                                customers: number;
                            }[];
                            tags: {
                                kind: string;
                                value: string | null;
                                customers: number;
                            }[];
                        };
                    };
                };
                400: components["responses"]["Error"];
                401: components["responses"]["Error"];
                403: components["responses"]["Error"];
                404: components["responses"]["Error"];
                409: components["responses"]["Error"];
                429: components["responses"]["Error"];
                503: components["responses"]["Error"];
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/admin/rfm/export.xlsx": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** @description The segment counts and the movement matrix as an .xlsx workbook. Headers in `lang`. */
        get: {
            parameters: {
                query?: {
                    regionId?: string;
                    lang?: "zh-CN" | "en";
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description an .xlsx file (application/vnd.openxmlformats-officedocument.spreadsheetml.sheet) */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": unknown;
                    };
                };
                400: components["responses"]["Error"];
                401: components["responses"]["Error"];
                403: components["responses"]["Error"];
                404: components["responses"]["Error"];
                409: components["responses"]["Error"];
                429: components["responses"]["Error"];
                503: components["responses"]["Error"];
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/admin/rfm/recompute": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** @description Runs the nightly RFM computation now, for every region (it rebuilds every customer’s row) */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            customers: number;
                        };
                    };
                };
                400: components["responses"]["Error"];
                401: components["responses"]["Error"];
                403: components["responses"]["Error"];
                404: components["responses"]["Error"];
                409: components["responses"]["Error"];
                429: components["responses"]["Error"];
                503: components["responses"]["Error"];
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/admin/customer-segments/count": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** @description The live count of a segment definition (as the operator edits it) in the caller’s regions, or one; nothing is stored */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /** Format: uuid */
                        regionId?: string;
                        definition: {
                            /**
                             * @description all: every condition holds; any: at least one
                             * @default all
                             * @enum {string}
                             */
                            match?: "all" | "any";
                            conditions: ({
                                /** @enum {string} */
                                field: "segment";
                                in: ("important_value" | "important_winback" | "important_develop" | "important_retain" | "potential" | "new" | "general_maintain" | "lost" | "registered_no_order")[];
                            } | {
                                /** @enum {string} */
                                field: "rScore";
                                min?: number;
                                max?: number;
                            } | {
                                /** @enum {string} */
                                field: "fScore";
                                min?: number;
                                max?: number;
                            } | {
                                /** @enum {string} */
                                field: "mScore";
                                min?: number;
                                max?: number;
                            } | {
                                /** @enum {string} */
                                field: "daysSinceLastOrder";
                                min?: number;
                                max?: number;
                            } | {
                                /** @enum {string} */
                                field: "frequency";
                                min?: number;
                                max?: number;
                            } | {
                                /** @enum {string} */
                                field: "monetaryFen";
                                min?: number;
                                max?: number;
                            } | {
                                /** @enum {string} */
                                field: "region";
                                in: string[];
                            } | {
                                /** @enum {string} */
                                field: "pickupPoint";
                                in: string[];
                            } | {
                                /** @enum {string} */
                                field: "topCategory";
                                in: string[];
                            } | {
                                /** @enum {string} */
                                field: "priceSensitivity";
                                in: ("none" | "low" | "medium" | "high")[];
                            } | {
                                /** @enum {string} */
                                field: "member";
                                is: boolean;
                            } | {
                                /** @enum {string} */
                                field: "dormant";
                                is: boolean;
                            })[];
                        };
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            customers: number;
                            outOf: number;
                        };
                    };
                };
                400: components["responses"]["Error"];
                401: components["responses"]["Error"];
                403: components["responses"]["Error"];
                404: components["responses"]["Error"];
                409: components["responses"]["Error"];
                429: components["responses"]["Error"];
                503: components["responses"]["Error"];
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/admin/customer-segments": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** @description Saved segments of the caller’s regions, newest first, each with its current size */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            id: string;
                            name: string;
                            regionId: string | null;
                            definition: {
                                /**
                                 * @description all: every condition holds; any: at least one
                                 * @default all
                                 * @enum {string}
                                 */
                                match: "all" | "any";
                                conditions: ({
                                    /** @enum {string} */
                                    field: "segment";
                                    in: ("important_value" | "important_winback" | "important_develop" | "important_retain" | "potential" | "new" | "general_maintain" | "lost" | "registered_no_order")[];
                                } | {
                                    /** @enum {string} */
                                    field: "rScore";
                                    min?: number;
                                    max?: number;
                                } | {
                                    /** @enum {string} */
                                    field: "fScore";
                                    min?: number;
                                    max?: number;
                                } | {
                                    /** @enum {string} */
                                    field: "mScore";
                                    min?: number;
                                    max?: number;
                                } | {
                                    /** @enum {string} */
                                    field: "daysSinceLastOrder";
                                    min?: number;
                                    max?: number;
                                } | {
                                    /** @enum {string} */
                                    field: "frequency";
                                    min?: number;
                                    max?: number;
                                } | {
                                    /** @enum {string} */
                                    field: "monetaryFen";
                                    min?: number;
                                    max?: number;
                                } | {
                                    /** @enum {string} */
                                    field: "region";
                                    in: string[];
                                } | {
                                    /** @enum {string} */
                                    field: "pickupPoint";
                                    in: string[];
                                } | {
                                    /** @enum {string} */
                                    field: "topCategory";
                                    in: string[];
                                } | {
                                    /** @enum {string} */
                                    field: "priceSensitivity";
                                    in: ("none" | "low" | "medium" | "high")[];
                                } | {
                                    /** @enum {string} */
                                    field: "member";
                                    is: boolean;
                                } | {
                                    /** @enum {string} */
                                    field: "dormant";
                                    is: boolean;
                                })[];
                            };
                            /** @description current size */
                            customers: number;
                            createdAt: string;
                        }[];
                    };
                };
                400: components["responses"]["Error"];
                401: components["responses"]["Error"];
                403: components["responses"]["Error"];
                404: components["responses"]["Error"];
                409: components["responses"]["Error"];
                429: components["responses"]["Error"];
                503: components["responses"]["Error"];
            };
        };
        put?: never;
        /** @description Saves a segment definition (regionId null: every region, for an operator of every region) */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        name: string;
                        /**
                         * Format: uuid
                         * @default null
                         */
                        regionId?: string | null;
                        definition: {
                            /**
                             * @description all: every condition holds; any: at least one
                             * @default all
                             * @enum {string}
                             */
                            match?: "all" | "any";
                            conditions: ({
                                /** @enum {string} */
                                field: "segment";
                                in: ("important_value" | "important_winback" | "important_develop" | "important_retain" | "potential" | "new" | "general_maintain" | "lost" | "registered_no_order")[];
                            } | {
                                /** @enum {string} */
                                field: "rScore";
                                min?: number;
                                max?: number;
                            } | {
                                /** @enum {string} */
                                field: "fScore";
                                min?: number;
                                max?: number;
                            } | {
                                /** @enum {string} */
                                field: "mScore";
                                min?: number;
                                max?: number;
                            } | {
                                /** @enum {string} */
                                field: "daysSinceLastOrder";
                                min?: number;
                                max?: number;
                            } | {
                                /** @enum {string} */
                                field: "frequency";
                                min?: number;
                                max?: number;
                            } | {
                                /** @enum {string} */
                                field: "monetaryFen";
                                min?: number;
                                max?: number;
                            } | {
                                /** @enum {string} */
                                field: "region";
                                in: string[];
                            } | {
                                /** @enum {string} */
                                field: "pickupPoint";
                                in: string[];
                            } | {
                                /** @enum {string} */
                                field: "topCategory";
                                in: string[];
                            } | {
                                /** @enum {string} */
                                field: "priceSensitivity";
                                in: ("none" | "low" | "medium" | "high")[];
                            } | {
                                /** @enum {string} */
                                field: "member";
                                is: boolean;
                            } | {
                                /** @enum {string} */
                                field: "dormant";
                                is: boolean;
                            })[];
                        };
                    };
                };
            };
            responses: {
                /** @description Default Response */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            id: string;
                            name: string;
                            regionId: string | null;
                            definition: {
                                /**
                                 * @description all: every condition holds; any: at least one
                                 * @default all
                                 * @enum {string}
                                 */
                                match: "all" | "any";
                                conditions: ({
                                    /** @enum {string} */
                                    field: "segment";
                                    in: ("important_value" | "important_winback" | "important_develop" | "important_retain" | "potential" | "new" | "general_maintain" | "lost" | "registered_no_order")[];
                                } | {
                                    /** @enum {string} */
                                    field: "rScore";
                                    min?: number;
                                    max?: number;
                                } | {
                                    /** @enum {string} */
                                    field: "fScore";
                                    min?: number;
                                    max?: number;
                                } | {
                                    /** @enum {string} */
                                    field: "mScore";
                                    min?: number;
                                    max?: number;
                                } | {
                                    /** @enum {string} */
                                    field: "daysSinceLastOrder";
                                    min?: number;
                                    max?: number;
                                } | {
                                    /** @enum {string} */
                                    field: "frequency";
                                    min?: number;
                                    max?: number;
                                } | {
                                    /** @enum {string} */
                                    field: "monetaryFen";
                                    min?: number;
                                    max?: number;
                                } | {
                                    /** @enum {string} */
                                    field: "region";
                                    in: string[];
                                } | {
                                    /** @enum {string} */
                                    field: "pickupPoint";
                                    in: string[];
                                } | {
                                    /** @enum {string} */
                                    field: "topCategory";
                                    in: string[];
                                } | {
                                    /** @enum {string} */
                                    field: "priceSensitivity";
                                    in: ("none" | "low" | "medium" | "high")[];
                                } | {
                                    /** @enum {string} */
                                    field: "member";
                                    is: boolean;
                                } | {
                                    /** @enum {string} */
                                    field: "dormant";
                                    is: boolean;
                                })[];
                            };
                            /** @description current size */
                            customers: number;
                            createdAt: string;
                        };
                    };
                };
                400: components["responses"]["Error"];
                401: components["responses"]["Error"];
                403: components["responses"]["Error"];
                404: components["responses"]["Error"];
                409: components["responses"]["Error"];
                429: components["responses"]["Error"];
                503: components["responses"]["Error"];
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/admin/customer-segments/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        delete: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                204: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": null;
                    };
                };
                400: components["responses"]["Error"];
                401: components["responses"]["Error"];
                403: components["responses"]["Error"];
                404: components["responses"]["Error"];
                409: components["responses"]["Error"];
                429: components["responses"]["Error"];
                503: components["responses"]["Error"];
            };
        };
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/admin/customer-segments/{id}/members": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** @description A page of the segment’s customers: ids, pickup point and figures, no personal data */
        get: {
            parameters: {
                query?: {
                    /** @description The previous page's X-Next-Cursor header; absent for the first page */
                    cursor?: string;
                    /** @description Rows per page, 50 unless given, at most 200 */
                    limit?: number;
                };
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        /** @description The cursor of the next page (pass it as `cursor`); absent on the last page */
                        "X-Next-Cursor"?: string;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            name: string;
                            items: {
                                userId: string;
                                regionId: string;
                                regionName: string;
                                pickupPointId: string | null;
                                pickupPointName: string | null;
                                /** @enum {string} */
                                segment: "important_value" | "important_winback" | "important_develop" | "important_retain" | "potential" | "new" | "general_maintain" | "lost" | "registered_no_order";
                                rScore: number | null;
                                fScore: number | null;
                                mScore: number | null;
                                daysSinceLastOrder: number | null;
                                lastPaidOn: string | null;
                                frequency: number;
                                monetaryFen: number;
                                topCategory: string | null;
                                /** @enum {string|null} */
                                priceSensitivity: "none" | "low" | "medium" | "high" | null;
                                member: boolean;
                                dormant: boolean;
                            }[];
                            nextCursor: string | null;
                        };
                    };
                };
                400: components["responses"]["Error"];
                401: components["responses"]["Error"];
                403: components["responses"]["Error"];
                404: components["responses"]["Error"];
                409: components["responses"]["Error"];
                429: components["responses"]["Error"];
                503: components["responses"]["Error"];
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/admin/customer-segments/{id}/members/export.xlsx": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** @description The segment’s customers (at most 100,000) as an .xlsx workbook. Headers in `lang`. */
        get: {
            parameters: {
                query?: {
                    lang?: "zh-CN" | "en";
                };
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description an .xlsx file (application/vnd.openxmlformats-officedocument.spreadsheetml.sheet) */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": unknown;
                    };
                };
                400: components["responses"]["Error"];
                401: components["responses"]["Error"];
                403: components["responses"]["Error"];
                404: components["responses"]["Error"];
                409: components["responses"]["Error"];
                429: components["responses"]["Error"];
                503: components["responses"]["Error"];
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/admin/customer-segments/{id}/audience": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** @description How a targeted campaign would split the segment: customers targeted and held out as control (controlBps of 10,000, stable per salt) */
        get: {
            parameters: {
                query?: {
                    controlBps?: number;
                    salt?: string;
                };
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            targeted: number;
                            control: number;
                        };
                    };
                };
                400: components["responses"]["Error"];
                401: components["responses"]["Error"];
                403: components["responses"]["Error"];
                404: components["responses"]["Error"];
                409: components["responses"]["Error"];
                429: components["responses"]["Error"];
                503: components["responses"]["Error"];
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/admin/targeted-campaigns": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** @description The targeted campaigns of the caller's regions, newest first (200 at most). */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            items: {
                                id: string;
                                name: string;
                                segmentId: string;
                                segmentName: string;
                                regionId: string | null;
                                templateId: string;
                                templateName: string;
                                message: string;
                                controlBps: number;
                                windowDays: number;
                                /** @enum {string} */
                                status: "draft" | "launched";
                                launchedAt: string | null;
                                windowEndsAt: string | null;
                                windowOver: boolean;
                                treated: number;
                                control: number;
                                createdAt: string;
                            }[];
                        };
                    };
                };
                400: components["responses"]["Error"];
                401: components["responses"]["Error"];
                403: components["responses"]["Error"];
                404: components["responses"]["Error"];
                409: components["responses"]["Error"];
                429: components["responses"]["Error"];
                503: components["responses"]["Error"];
            };
        };
        put?: never;
        /** @description A draft targeted campaign on a saved segment: the coupon template to grant, the message, the held-out share (controlBps, default 1000 = 10 %) and the observation window (days, default 14). Nothing is granted until launch. */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        name: string;
                        /** Format: uuid */
                        segmentId: string;
                        /** Format: uuid */
                        templateId: string;
                        message: string;
                        /** @default 1000 */
                        controlBps?: number;
                        /** @default 14 */
                        windowDays?: number;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            id: string;
                            name: string;
                            segmentId: string;
                            segmentName: string;
                            regionId: string | null;
                            templateId: string;
                            templateName: string;
                            message: string;
                            controlBps: number;
                            windowDays: number;
                            /** @enum {string} */
                            status: "draft" | "launched";
                            launchedAt: string | null;
                            windowEndsAt: string | null;
                            windowOver: boolean;
                            treated: number;
                            control: number;
                            createdAt: string;
                        };
                    };
                };
                400: components["responses"]["Error"];
                401: components["responses"]["Error"];
                403: components["responses"]["Error"];
                404: components["responses"]["Error"];
                409: components["responses"]["Error"];
                429: components["responses"]["Error"];
                503: components["responses"]["Error"];
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/admin/targeted-campaigns/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** @description One targeted campaign. */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            id: string;
                            name: string;
                            segmentId: string;
                            segmentName: string;
                            regionId: string | null;
                            templateId: string;
                            templateName: string;
                            message: string;
                            controlBps: number;
                            windowDays: number;
                            /** @enum {string} */
                            status: "draft" | "launched";
                            launchedAt: string | null;
                            windowEndsAt: string | null;
                            windowOver: boolean;
                            treated: number;
                            control: number;
                            createdAt: string;
                        };
                    };
                };
                400: components["responses"]["Error"];
                401: components["responses"]["Error"];
                403: components["responses"]["Error"];
                404: components["responses"]["Error"];
                409: components["responses"]["Error"];
                429: components["responses"]["Error"];
                503: components["responses"]["Error"];
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/admin/targeted-campaigns/{id}/launch": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** @description Launches a draft once: freezes the segment’s customers with their control flag, grants the coupon and queues the message to the treated only, in one transaction. A repeated or concurrent launch answers the campaign as launched. */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            id: string;
                            name: string;
                            segmentId: string;
                            segmentName: string;
                            regionId: string | null;
                            templateId: string;
                            templateName: string;
                            message: string;
                            controlBps: number;
                            windowDays: number;
                            /** @enum {string} */
                            status: "draft" | "launched";
                            launchedAt: string | null;
                            windowEndsAt: string | null;
                            windowOver: boolean;
                            treated: number;
                            control: number;
                            createdAt: string;
                        };
                    };
                };
                400: components["responses"]["Error"];
                401: components["responses"]["Error"];
                403: components["responses"]["Error"];
                404: components["responses"]["Error"];
                409: components["responses"]["Error"];
                429: components["responses"]["Error"];
                503: components["responses"]["Error"];
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/admin/targeted-campaigns/{id}/result": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** @description Treated and control over the window after launch: customers, recalled (paid an order), recall rate, orders, GMV (paid, net of refunds) and per customer; the recall lift with its 95 % CI and p-value (two-proportion z-test), the GMV per customer difference (Welch), the coupons used and their discount. */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            campaign: {
                                id: string;
                                name: string;
                                segmentId: string;
                                segmentName: string;
                                regionId: string | null;
                                templateId: string;
                                templateName: string;
                                message: string;
                                controlBps: number;
                                windowDays: number;
                                /** @enum {string} */
                                status: "draft" | "launched";
                                launchedAt: string | null;
                                windowEndsAt: string | null;
                                windowOver: boolean;
                                treated: number;
                                control: number;
                                createdAt: string;
                            };
                            treated: {
                                customers: number;
                                recalled: number;
                                recallRate: number | null;
                                orders: number;
                                gmvFen: number;
                                gmvPerCustomerFen: number | null;
                            };
                            control: {
                                customers: number;
                                recalled: number;
                                recallRate: number | null;
                                orders: number;
                                gmvFen: number;
                                gmvPerCustomerFen: number | null;
                            };
                            recallLift: {
                                difference: number | null;
                                ci: (number)[] | null;
                                pValue: number | null;
                            };
                            gmvPerCustomerDiff: {
                                difference: number | null;
                                ci: (number)[] | null;
                                pValue: number | null;
                                df: number | null;
                            };
                            coupons: {
                                granted: number;
                                used: number;
                                discountFen: number;
                            };
                        };
                    };
                };
                400: components["responses"]["Error"];
                401: components["responses"]["Error"];
                403: components["responses"]["Error"];
                404: components["responses"]["Error"];
                409: components["responses"]["Error"];
                429: components["responses"]["Error"];
                503: components["responses"]["Error"];
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/admin/targeted-campaigns/{id}/result/export.xlsx": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** @description The result page as an .xlsx workbook. Headers in `lang`. */
        get: {
            parameters: {
                query?: {
                    lang?: "zh-CN" | "en";
                };
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description an .xlsx file (application/vnd.openxmlformats-officedocument.spreadsheetml.sheet) */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": unknown;
                    };
                };
                400: components["responses"]["Error"];
                401: components["responses"]["Error"];
                403: components["responses"]["Error"];
                404: components["responses"]["Error"];
                409: components["responses"]["Error"];
                429: components["responses"]["Error"];
                503: components["responses"]["Error"];
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/admin/leader-report": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Per-leader report of a month
         * @description Per active leader of the caller’s regions and the month (business days of the region): GMV, orders, customers, new and dormant customers, complaint rate, pickup timeliness, commission, recall of dormant customers and the grade earned (closed months).
         */
        get: {
            parameters: {
                query: {
                    month: string;
                    regionId?: string;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            month: string;
                            items: {
                                month: string;
                                leaderId: string;
                                userId: string;
                                name: string;
                                pickupPointId: string;
                                pickupPointName: string;
                                regionId: string;
                                gmvFen: number;
                                orders: number;
                                customers: number;
                                newCustomers: number;
                                dormantCustomers: number;
                                claims: number;
                                /** @description after-sales claims over orders; null without orders */
                                complaintRate: number | null;
                                readyOrders: number;
                                /** @description of readyOrders, collected within 48 hours of arriving */
                                timelyOrders: number;
                                commissionFen: number;
                                /** @description dormant customers sent a coupon or message in the month */
                                contacted: number;
                                /** @description of them, those who paid an order within 14 days after */
                                recalled: number;
                                recallRate: number | null;
                                /**
                                 * @description the grade earned for the month; null while the month runs
                                 * @enum {string|null}
                                 */
                                grade: "trainee" | "bronze" | "silver" | "gold" | null;
                                bonusFen: number | null;
                            }[];
                        };
                    };
                };
                400: components["responses"]["Error"];
                401: components["responses"]["Error"];
                403: components["responses"]["Error"];
                404: components["responses"]["Error"];
                409: components["responses"]["Error"];
                429: components["responses"]["Error"];
                503: components["responses"]["Error"];
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/admin/leader-report/export.xlsx": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Per-leader report as .xlsx
         * @description The per-leader report of a month as an .xlsx workbook. Column headers in `lang`.
         */
        get: {
            parameters: {
                query: {
                    month: string;
                    regionId?: string;
                    lang?: "zh-CN" | "en";
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description an .xlsx file (application/vnd.openxmlformats-officedocument.spreadsheetml.sheet) */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": unknown;
                    };
                };
                400: components["responses"]["Error"];
                401: components["responses"]["Error"];
                403: components["responses"]["Error"];
                404: components["responses"]["Error"];
                409: components["responses"]["Error"];
                429: components["responses"]["Error"];
                503: components["responses"]["Error"];
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/admin/leaders/{id}/months": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * A leader’s months and grade history
         * @description The leader’s closed months (newest 12) with the grade and bonus of each, then the current month so far.
         */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            items: {
                                month: string;
                                leaderId: string;
                                userId: string;
                                name: string;
                                pickupPointId: string;
                                pickupPointName: string;
                                regionId: string;
                                gmvFen: number;
                                orders: number;
                                customers: number;
                                newCustomers: number;
                                dormantCustomers: number;
                                claims: number;
                                /** @description after-sales claims over orders; null without orders */
                                complaintRate: number | null;
                                readyOrders: number;
                                /** @description of readyOrders, collected within 48 hours of arriving */
                                timelyOrders: number;
                                commissionFen: number;
                                /** @description dormant customers sent a coupon or message in the month */
                                contacted: number;
                                /** @description of them, those who paid an order within 14 days after */
                                recalled: number;
                                recallRate: number | null;
                                /**
                                 * @description the grade earned for the month; null while the month runs
                                 * @enum {string|null}
                                 */
                                grade: "trainee" | "bronze" | "silver" | "gold" | null;
                                bonusFen: number | null;
                            }[];
                        };
                    };
                };
                400: components["responses"]["Error"];
                401: components["responses"]["Error"];
                403: components["responses"]["Error"];
                404: components["responses"]["Error"];
                409: components["responses"]["Error"];
                429: components["responses"]["Error"];
                503: components["responses"]["Error"];
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/admin/leader-grades/settings": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Grade thresholds, bonus and coupon allowance */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            thresholds: {
                                bronze: {
                                    gmvFen: number;
                                    activeCustomers: number;
                                    maxComplaintBps: number;
                                    minTimelyBps: number;
                                };
                                silver: {
                                    gmvFen: number;
                                    activeCustomers: number;
                                    maxComplaintBps: number;
                                    minTimelyBps: number;
                                };
                                gold: {
                                    gmvFen: number;
                                    activeCustomers: number;
                                    maxComplaintBps: number;
                                    minTimelyBps: number;
                                };
                            };
                            bonusBps: {
                                trainee: number;
                                bronze: number;
                                silver: number;
                                gold: number;
                            };
                            dormantDays: number;
                            allowance: {
                                templateId: string | null;
                                perMonth: number;
                                templateName: string | null;
                            };
                        };
                    };
                };
                400: components["responses"]["Error"];
                401: components["responses"]["Error"];
                403: components["responses"]["Error"];
                404: components["responses"]["Error"];
                409: components["responses"]["Error"];
                429: components["responses"]["Error"];
                503: components["responses"]["Error"];
            };
        };
        /**
         * Change grade thresholds, bonus, coupon allowance or dormant days
         * @description Each part given replaces its setting; the next monthly grading uses them.
         */
        put: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        thresholds?: {
                            bronze: {
                                gmvFen: number;
                                activeCustomers: number;
                                maxComplaintBps: number;
                                minTimelyBps: number;
                            };
                            silver: {
                                gmvFen: number;
                                activeCustomers: number;
                                maxComplaintBps: number;
                                minTimelyBps: number;
                            };
                            gold: {
                                gmvFen: number;
                                activeCustomers: number;
                                maxComplaintBps: number;
                                minTimelyBps: number;
                            };
                        };
                        bonusBps?: {
                            trainee: number;
                            bronze: number;
                            silver: number;
                            gold: number;
                        };
                        allowance?: {
                            /** Format: uuid */
                            templateId: string | null;
                            perMonth: number;
                        };
                        dormantDays?: number;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            thresholds: {
                                bronze: {
                                    gmvFen: number;
                                    activeCustomers: number;
                                    maxComplaintBps: number;
                                    minTimelyBps: number;
                                };
                                silver: {
                                    gmvFen: number;
                                    activeCustomers: number;
                                    maxComplaintBps: number;
                                    minTimelyBps: number;
                                };
                                gold: {
                                    gmvFen: number;
                                    activeCustomers: number;
                                    maxComplaintBps: number;
                                    minTimelyBps: number;
                                };
                            };
                            bonusBps: {
                                trainee: number;
                                bronze: number;
                                silver: number;
                                gold: number;
                            };
                            dormantDays: number;
                            allowance: {
                                templateId: string | null;
                                perMonth: number;
                                templateName: string | null;
                            };
                        };
                    };
                };
                400: components["responses"]["Error"];
                401: components["responses"]["Error"];
                403: components["responses"]["Error"];
                404: components["responses"]["Error"];
                409: components["responses"]["Error"];
                429: components["responses"]["Error"];
                503: components["responses"]["Error"];
            };
        };
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/leader/grade": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** My grade and what the next one needs */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            month: string;
                            /** @enum {string} */
                            grade: "trainee" | "bronze" | "silver" | "gold";
                            gradedMonth: string | null;
                            bonusBps: {
                                trainee: number;
                                bronze: number;
                                silver: number;
                                gold: number;
                            };
                            thresholds: {
                                bronze: {
                                    gmvFen: number;
                                    activeCustomers: number;
                                    maxComplaintBps: number;
                                    minTimelyBps: number;
                                };
                                silver: {
                                    gmvFen: number;
                                    activeCustomers: number;
                                    maxComplaintBps: number;
                                    minTimelyBps: number;
                                };
                                gold: {
                                    gmvFen: number;
                                    activeCustomers: number;
                                    maxComplaintBps: number;
                                    minTimelyBps: number;
                                };
                            };
                            next: {
                                /** @enum {string} */
                                grade: "trainee" | "bronze" | "silver" | "gold";
                                checks: {
                                    /** @enum {string} */
                                    key: "gmvFen" | "activeCustomers" | "complaintBps" | "timelyBps";
                                    have: number;
                                    need: number;
                                    /** @enum {string} */
                                    bound: "min" | "max";
                                    met: boolean;
                                }[];
                            } | null;
                            keep: {
                                /** @enum {string} */
                                key: "gmvFen" | "activeCustomers" | "complaintBps" | "timelyBps";
                                have: number;
                                need: number;
                                /** @enum {string} */
                                bound: "min" | "max";
                                met: boolean;
                            }[] | null;
                            history: {
                                month: string;
                                /** @enum {string} */
                                grade: "trainee" | "bronze" | "silver" | "gold";
                                bonusFen: number;
                            }[];
                        };
                    };
                };
                400: components["responses"]["Error"];
                401: components["responses"]["Error"];
                403: components["responses"]["Error"];
                404: components["responses"]["Error"];
                409: components["responses"]["Error"];
                429: components["responses"]["Error"];
                503: components["responses"]["Error"];
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/leader/leaderboard": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * This month’s ranking in my region
         * @description Active leaders of my region by GMV this month so far; other leaders’ names partly masked.
         */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            month: string;
                            leaders: number;
                            myRank: number | null;
                            items: {
                                rank: number;
                                name: string;
                                pickupPointName: string;
                                gmvFen: number;
                                me: boolean;
                            }[];
                        };
                    };
                };
                400: components["responses"]["Error"];
                401: components["responses"]["Error"];
                403: components["responses"]["Error"];
                404: components["responses"]["Error"];
                409: components["responses"]["Error"];
                429: components["responses"]["Error"];
                503: components["responses"]["Error"];
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/leader/customers": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * My customers
         * @description Customers who chose my point: last order, orders in the last 90 days, dormant (no paid order for the set days, 30 by default), phones masked; my coupon allowance and recall rate.
         */
        get: {
            parameters: {
                query?: {
                    dormant?: "true" | "false";
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            dormantDays: number;
                            items: {
                                userId: string;
                                name: string;
                                /** @description masked, 138****1234 */
                                phone: string;
                                lastOrderAt: string | null;
                                ordersLast90Days: number;
                                dormant: boolean;
                                lastContactAt: string | null;
                            }[];
                            allowance: {
                                month: string;
                                perMonth: number;
                                used: number;
                                templateId: string | null;
                                templateName: string | null;
                            };
                            recall: {
                                windowDays: number;
                                periodDays: number;
                                contacted: number;
                                recalled: number;
                                rate: number | null;
                            };
                        };
                    };
                };
                400: components["responses"]["Error"];
                401: components["responses"]["Error"];
                403: components["responses"]["Error"];
                404: components["responses"]["Error"];
                409: components["responses"]["Error"];
                429: components["responses"]["Error"];
                503: components["responses"]["Error"];
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/leader/customers/{id}/coupon": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Send a customer an allowance coupon
         * @description One coupon of the allowance template to a customer of my point; 409 LIMIT_EXCEEDED when the month’s allowance is used, also for simultaneous sends.
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            couponId: string;
                            used: number;
                            perMonth: number;
                        };
                    };
                };
                400: components["responses"]["Error"];
                401: components["responses"]["Error"];
                403: components["responses"]["Error"];
                404: components["responses"]["Error"];
                409: components["responses"]["Error"];
                429: components["responses"]["Error"];
                503: components["responses"]["Error"];
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/leader/customers/{id}/message": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Send a customer an in-app message
         * @description At most one a customer and day and 30 a day in all (429 beyond).
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        text: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            id: string;
                        };
                    };
                };
                400: components["responses"]["Error"];
                401: components["responses"]["Error"];
                403: components["responses"]["Error"];
                404: components["responses"]["Error"];
                409: components["responses"]["Error"];
                429: components["responses"]["Error"];
                503: components["responses"]["Error"];
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/admin/reconciliation": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Reconciled days of WeChat Pay
         * @description Each Beijing day reconciled in the range (default: the 30 days up to yesterday): WeChat Pay’s and Linli’s counts and sums, and the differences found. `configured` is false when WeChat Pay is not set up (nothing is reconciled).
         */
        get: {
            parameters: {
                query?: {
                    from?: string;
                    to?: string;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            configured: boolean;
                            from: string;
                            to: string;
                            items: {
                                date: string;
                                /** @enum {string} */
                                status: "running" | "done" | "failed" | "not_ready";
                                startedAt: string;
                                fetchedAt: string | null;
                                /** @description false when WeChat Pay had no bill for the day (NO_STATEMENT_EXIST) */
                                hadStatement: boolean;
                                wechatPayments: number;
                                wechatPaymentFen: number;
                                wechatRefunds: number;
                                wechatRefundFen: number;
                                linliPayments: number;
                                linliPaymentFen: number;
                                linliRefunds: number;
                                linliRefundFen: number;
                                differences: number;
                                unresolved: number;
                                error: string | null;
                            }[];
                        };
                    };
                };
                400: components["responses"]["Error"];
                401: components["responses"]["Error"];
                403: components["responses"]["Error"];
                404: components["responses"]["Error"];
                409: components["responses"]["Error"];
                429: components["responses"]["Error"];
                503: components["responses"]["Error"];
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/admin/reconciliation/export.xlsx": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * The differences of a range of days as .xlsx
         * @description Every difference of the days in the range (default: the 30 days up to yesterday). Column headers in `lang`.
         */
        get: {
            parameters: {
                query?: {
                    from?: string;
                    to?: string;
                    lang?: "zh-CN" | "en";
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description an .xlsx file (application/vnd.openxmlformats-officedocument.spreadsheetml.sheet) */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": unknown;
                    };
                };
                400: components["responses"]["Error"];
                401: components["responses"]["Error"];
                403: components["responses"]["Error"];
                404: components["responses"]["Error"];
                409: components["responses"]["Error"];
                429: components["responses"]["Error"];
                503: components["responses"]["Error"];
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/admin/reconciliation/days/{date}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** A reconciled day and its differences */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    date: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            day: {
                                date: string;
                                /** @enum {string} */
                                status: "running" | "done" | "failed" | "not_ready";
                                startedAt: string;
                                fetchedAt: string | null;
                                /** @description false when WeChat Pay had no bill for the day (NO_STATEMENT_EXIST) */
                                hadStatement: boolean;
                                wechatPayments: number;
                                wechatPaymentFen: number;
                                wechatRefunds: number;
                                wechatRefundFen: number;
                                linliPayments: number;
                                linliPaymentFen: number;
                                linliRefunds: number;
                                linliRefundFen: number;
                                differences: number;
                                unresolved: number;
                                error: string | null;
                            } | null;
                            items: {
                                id: string;
                                date: string;
                                /** @enum {string} */
                                kind: "missing_in_linli" | "missing_at_wechat" | "amount_differs" | "status_differs";
                                /** @enum {string} */
                                subject: "payment" | "refund";
                                outTradeNo: string;
                                outRefundNo: string | null;
                                paymentId: string | null;
                                refundId: string | null;
                                linliFen: number | null;
                                wechatFen: number | null;
                                linliStatus: string | null;
                                wechatStatus: string | null;
                                transactionId: string | null;
                                foundAt: string;
                                resolvedAt: string | null;
                                note: string | null;
                            }[];
                        };
                    };
                };
                400: components["responses"]["Error"];
                401: components["responses"]["Error"];
                403: components["responses"]["Error"];
                404: components["responses"]["Error"];
                409: components["responses"]["Error"];
                429: components["responses"]["Error"];
                503: components["responses"]["Error"];
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/admin/reconciliation/days/{date}/run": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Reconcile a day (again)
         * @description Fetches WeChat Pay’s trade bill of the Beijing day and matches it against Linli’s payments and refunds; the day’s differences are replaced (a difference found again keeps its resolution). 409 WECHATPAY_NOT_CONFIGURED, BILL_NOT_READY (before 10:00 Beijing time the next day), BILL_EXPIRED (older than three months), RECONCILIATION_RUNNING (a run of the day is under way); 502 BILL_FETCH_FAILED.
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    date: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            date: string;
                            /** @enum {string} */
                            status: "running" | "done" | "failed" | "not_ready";
                            startedAt: string;
                            fetchedAt: string | null;
                            /** @description false when WeChat Pay had no bill for the day (NO_STATEMENT_EXIST) */
                            hadStatement: boolean;
                            wechatPayments: number;
                            wechatPaymentFen: number;
                            wechatRefunds: number;
                            wechatRefundFen: number;
                            linliPayments: number;
                            linliPaymentFen: number;
                            linliRefunds: number;
                            linliRefundFen: number;
                            differences: number;
                            unresolved: number;
                            error: string | null;
                        };
                    };
                };
                400: components["responses"]["Error"];
                401: components["responses"]["Error"];
                403: components["responses"]["Error"];
                404: components["responses"]["Error"];
                409: components["responses"]["Error"];
                429: components["responses"]["Error"];
                502: components["responses"]["Error"];
                503: components["responses"]["Error"];
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/admin/reconciliation/differences/{id}/resolve": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Mark a difference resolved
         * @description With a note saying what was done; once (409 ALREADY_RESOLVED).
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        note: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @enum {boolean} */
                            ok: true;
                        };
                    };
                };
                400: components["responses"]["Error"];
                401: components["responses"]["Error"];
                403: components["responses"]["Error"];
                404: components["responses"]["Error"];
                409: components["responses"]["Error"];
                429: components["responses"]["Error"];
                503: components["responses"]["Error"];
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/auth/wechat/authorize-url": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * The 公众号's authorization page to send the browser to (WeChat sign-in in the H5 shop)
         * @description snsapi_base signs a linked customer in silently; snsapi_userinfo asks consent and gives the nickname (and the unionid). The state is single-use, 10 minutes, and bound to this browser by an HttpOnly cookie: POST /auth/wechat/oauth from another browser is refused. WeChat sends the browser back to the shop at /wechat/callback?code&state. 404 WECHAT_OFF when the 公众号 is not configured.
         */
        get: {
            parameters: {
                query?: {
                    scope?: "snsapi_base" | "snsapi_userinfo";
                    /** @description a shop path to go to after signing in */
                    returnTo?: string;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            url: string;
                            state: string;
                        };
                    };
                };
                400: components["responses"]["Error"];
                401: components["responses"]["Error"];
                403: components["responses"]["Error"];
                404: components["responses"]["Error"];
                409: components["responses"]["Error"];
                429: components["responses"]["Error"];
                503: components["responses"]["Error"];
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/auth/wechat/oauth": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Sign in with the 公众号's code (the shop's callback page posts what WeChat sent back)
         * @description A linked WeChat account (or one whose unionid is linked through the mini-program) signs in: {token, user, returnTo}. An unknown one gets {bindToken, nickname?}: the customer proves a phone at POST /auth/wechat/bind. 400 WECHAT_STATE_INVALID (not started in this browser, used, expired); 401 WECHAT_CODE_INVALID (WeChat refused the code: invalid, used, expired); 403 ACCOUNT_DISABLED; 503 WECHAT_UNAVAILABLE.
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        code: string;
                        state: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            token: string;
                            user: {
                                id: string;
                                phone: string;
                                name: string;
                                roles: string[];
                                regionIds?: string[] | null;
                            };
                            /** @description the shop path given when the authorization started */
                            returnTo?: string;
                        } | {
                            /** @description for POST /auth/wechat/bind; 10 minutes, once */
                            bindToken: string;
                            /** @description the WeChat nickname (snsapi_userinfo), the new account's name */
                            nickname?: string;
                            expiresInSeconds: number;
                            /** @description the shop path given when the authorization started */
                            returnTo?: string;
                        };
                    };
                };
                400: components["responses"]["Error"];
                401: components["responses"]["Error"];
                403: components["responses"]["Error"];
                404: components["responses"]["Error"];
                409: components["responses"]["Error"];
                429: components["responses"]["Error"];
                503: components["responses"]["Error"];
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/auth/wechat/miniprogram": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Sign in with the mini-program's wx.login code
         * @description The same outcomes as POST /auth/wechat/oauth: a session, or a bindToken for POST /auth/wechat/bind. The session_key WeChat returns never leaves the server and is not kept. 401 WECHAT_CODE_INVALID; 404 WECHAT_OFF.
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        code: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            token: string;
                            user: {
                                id: string;
                                phone: string;
                                name: string;
                                roles: string[];
                                regionIds?: string[] | null;
                            };
                            /** @description the shop path given when the authorization started */
                            returnTo?: string;
                        } | {
                            /** @description for POST /auth/wechat/bind; 10 minutes, once */
                            bindToken: string;
                            /** @description the WeChat nickname (snsapi_userinfo), the new account's name */
                            nickname?: string;
                            expiresInSeconds: number;
                            /** @description the shop path given when the authorization started */
                            returnTo?: string;
                        };
                    };
                };
                400: components["responses"]["Error"];
                401: components["responses"]["Error"];
                403: components["responses"]["Error"];
                404: components["responses"]["Error"];
                409: components["responses"]["Error"];
                429: components["responses"]["Error"];
                503: components["responses"]["Error"];
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/auth/wechat/bind": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Bind the WeChat account to a phone proved by SMS code, and sign in
         * @description smsCode from POST /auth/sms-code with purpose `bind`. The account with this phone is linked; with none, a customer account is made (no password; named after the WeChat nickname). 401 WECHAT_BIND_EXPIRED (unknown, used or expired bindToken); 400 SMS_CODE_INVALID; 409 WECHAT_ALREADY_LINKED (this WeChat account is linked to another account), 409 WECHAT_APP_LINKED (the account is linked to another WeChat account of this app).
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        bindToken: string;
                        phone: string;
                        smsCode: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            token: string;
                            user: {
                                id: string;
                                phone: string;
                                name: string;
                                roles: string[];
                                regionIds?: string[] | null;
                            };
                        };
                    };
                };
                400: components["responses"]["Error"];
                401: components["responses"]["Error"];
                403: components["responses"]["Error"];
                404: components["responses"]["Error"];
                409: components["responses"]["Error"];
                429: components["responses"]["Error"];
                503: components["responses"]["Error"];
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/me/wechat": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** My linked WeChat accounts (the openid masked) */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            appId: string;
                            /** @enum {string} */
                            app: "officialAccount" | "miniProgram" | "other";
                            /** @description masked */
                            openid: string;
                            nickname: string | null;
                            avatarUrl: string | null;
                            linkedAt: string;
                        }[];
                    };
                };
                400: components["responses"]["Error"];
                401: components["responses"]["Error"];
                403: components["responses"]["Error"];
                404: components["responses"]["Error"];
                409: components["responses"]["Error"];
                429: components["responses"]["Error"];
                503: components["responses"]["Error"];
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/me/wechat/{appId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        /** Unlink my WeChat account of this app; signing in by phone stays */
        delete: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    appId: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @enum {boolean} */
                            ok: true;
                        };
                    };
                };
                400: components["responses"]["Error"];
                401: components["responses"]["Error"];
                403: components["responses"]["Error"];
                404: components["responses"]["Error"];
                409: components["responses"]["Error"];
                429: components["responses"]["Error"];
                503: components["responses"]["Error"];
            };
        };
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/simpay/payments/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The cashier page reads the payment it is asked to take */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            paymentId: string;
                            orderId: string;
                            orderNumber: string;
                            orderKind: string;
                            amountFen: number;
                            /** @enum {string} */
                            status: "pending" | "succeeded" | "refunded_on_arrival";
                            orderStatus: string;
                        };
                    };
                };
                400: components["responses"]["Error"];
                401: components["responses"]["Error"];
                403: components["responses"]["Error"];
                404: components["responses"]["Error"];
                409: components["responses"]["Error"];
                429: components["responses"]["Error"];
                503: components["responses"]["Error"];
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/simpay/payments/{id}/confirm": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** The payer confirms on the cashier page; the simulated provider notifies Linli at once */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            paymentId: string;
                            orderId: string;
                            orderNumber: string;
                            orderKind: string;
                            amountFen: number;
                            /** @enum {string} */
                            status: "pending" | "succeeded" | "refunded_on_arrival";
                            orderStatus: string;
                        };
                    };
                };
                400: components["responses"]["Error"];
                401: components["responses"]["Error"];
                403: components["responses"]["Error"];
                404: components["responses"]["Error"];
                409: components["responses"]["Error"];
                429: components["responses"]["Error"];
                503: components["responses"]["Error"];
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/payments/wechatpay/notify": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** WeChat Pay's payment notification (signed, encrypted); applied once per transaction */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description received */
                204: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": null;
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @enum {string} */
                            code: "FAIL";
                            message: string;
                        };
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @enum {string} */
                            code: "FAIL";
                            message: string;
                        };
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": unknown;
                    };
                };
                /** @description Default Response */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @enum {string} */
                            code: "FAIL";
                            message: string;
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/admin/suppliers/{id}/documents": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** @description Upload a qualification document, pending review. The body is the file itself: PDF, JPEG or PNG told from its bytes (the name is never trusted), at most 10 MB (413 beyond; 400 UNSUPPORTED_FILE otherwise). Kept private: served only by the console file route. */
        post: {
            parameters: {
                query: {
                    kind: "business_licence" | "food_licence" | "other";
                    number: string;
                    expiresOn?: string;
                    fileName?: string;
                };
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            id: string;
                            supplierId: string;
                            /** @description business_licence (营业执照), food_licence (食品经营许可证), other */
                            kind: string;
                            number: string;
                            /** @description the last valid day; null: no expiry */
                            expiresOn: string | null;
                            daysLeft: number | null;
                            /** @description valid, expiring (within 30 days), expired, no_expiry */
                            expiry: string;
                            contentType: string;
                            sizeBytes: number;
                            fileName: string | null;
                            /** @description pending, approved, rejected */
                            reviewStatus: string;
                            reviewReason: string | null;
                            reviewedAt: string | null;
                            createdAt: string;
                            /** @description the console route serving the file (operators only) */
                            fileUrl: string;
                        };
                    };
                };
                400: components["responses"]["Error"];
                401: components["responses"]["Error"];
                403: components["responses"]["Error"];
                404: components["responses"]["Error"];
                409: components["responses"]["Error"];
                429: components["responses"]["Error"];
                503: components["responses"]["Error"];
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/admin/products/{id}/images": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** @description Add a picture (last in order). The body is the file itself: JPEG, PNG or WebP, told from its bytes, at most 5 MB (413 PAYLOAD_TOO_LARGE beyond; 400 UNSUPPORTED_IMAGE for anything else). Metadata is removed; an 800 px wide picture and a 240 px thumbnail are stored as WebP. */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            images: {
                                id: string;
                                url: string;
                                width: number;
                                height: number;
                                thumbUrl: string;
                                thumbWidth: number;
                                thumbHeight: number;
                            }[];
                        };
                    };
                };
                400: components["responses"]["Error"];
                401: components["responses"]["Error"];
                403: components["responses"]["Error"];
                404: components["responses"]["Error"];
                409: components["responses"]["Error"];
                429: components["responses"]["Error"];
                503: components["responses"]["Error"];
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/me/review-photos": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** @description Upload a photo for a review: the body is the file itself, JPEG, PNG or WebP told from its bytes, at most 5 MB (413 beyond, 400 UNSUPPORTED_IMAGE otherwise); stored as an 800 px picture and a 240 px thumbnail without metadata. Name its id in the review; at most 24 photos wait for a review at a time (409). */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            id: string;
                            url: string;
                            thumbUrl: string;
                            width: number;
                            height: number;
                        };
                    };
                };
                400: components["responses"]["Error"];
                401: components["responses"]["Error"];
                403: components["responses"]["Error"];
                404: components["responses"]["Error"];
                409: components["responses"]["Error"];
                429: components["responses"]["Error"];
                503: components["responses"]["Error"];
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/me/ticket-photos": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** @description Upload a photo for a ticket or a message on it: the body is the file itself (JPEG, PNG or WebP, at most 5 MB), kept privately (only the ticket’s opener and the service desk see it). Name its id when opening or writing. */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            id: string;
                            width: number;
                            height: number;
                        };
                    };
                };
                400: components["responses"]["Error"];
                401: components["responses"]["Error"];
                403: components["responses"]["Error"];
                404: components["responses"]["Error"];
                409: components["responses"]["Error"];
                429: components["responses"]["Error"];
                503: components["responses"]["Error"];
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/me/leader-application-photos": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** @description Upload a photo of the pickup place for a leader application: the body is the file itself, JPEG, PNG or WebP told from its bytes, at most 5 MB (413 beyond, 400 UNSUPPORTED_IMAGE otherwise). Name its id in the application. */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            id: string;
                            url: string;
                            thumbUrl: string;
                            width: number;
                            height: number;
                        };
                    };
                };
                400: components["responses"]["Error"];
                401: components["responses"]["Error"];
                403: components["responses"]["Error"];
                404: components["responses"]["Error"];
                409: components["responses"]["Error"];
                429: components["responses"]["Error"];
                503: components["responses"]["Error"];
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/admin/training/images": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** @description Upload a picture for a training course (the body is the file itself, as a product's picture). */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            id: string;
                            url: string;
                            thumbUrl: string;
                            width: number;
                            height: number;
                        };
                    };
                };
                400: components["responses"]["Error"];
                401: components["responses"]["Error"];
                403: components["responses"]["Error"];
                404: components["responses"]["Error"];
                409: components["responses"]["Error"];
                429: components["responses"]["Error"];
                503: components["responses"]["Error"];
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/events": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** @description A batch of behaviour events from the shop, leader app or console (at most 100), sent as JSON or as the text/plain body of a beacon. The user is the signed-in session’s (`session`: a beacon cannot send the Authorization header), never a field of the event; each event is kept once by its `id`. A batch with any invalid event is refused whole (400 VALIDATION_FAILED) and nothing is stored; past 60 batches a minute from a device (or 6000 from one address) 429 RATE_LIMITED. Definitions: decision 045. */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /** @enum {string} */
                        source: "shop" | "leader" | "console";
                        /**
                         * Format: uuid
                         * @description the browser's anonymous id, kept in its storage
                         */
                        deviceId: string;
                        session?: string;
                        events: {
                            /**
                             * Format: uuid
                             * @description the client's own id of the event (a UUID): sent again, it is kept once
                             */
                            id: string;
                            /** @enum {string} */
                            type: "deal_viewed" | "cart_added" | "checkout_started" | "order_placed" | "shared" | "searched" | "coupon_claimed" | "page_viewed";
                            /**
                             * Format: date-time
                             * @description when it happened, by the client's clock
                             */
                            at: string;
                            /** Format: uuid */
                            dealId?: string;
                            /** Format: uuid */
                            productId?: string;
                            /** Format: uuid */
                            pickupPointId?: string;
                            /** Format: uuid */
                            orderId?: string;
                            /** @description a search text; stored capped, without digits runs */
                            query?: string;
                            /** @description a screen's route name (lower-case letters, digits, / _ -) */
                            page?: string;
                        }[];
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @description events newly stored (repeats are skipped) */
                            stored: number;
                        };
                    };
                };
                400: components["responses"]["Error"];
                401: components["responses"]["Error"];
                403: components["responses"]["Error"];
                404: components["responses"]["Error"];
                409: components["responses"]["Error"];
                429: components["responses"]["Error"];
                503: components["responses"]["Error"];
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
}
export type webhooks = Record<string, never>;
export interface components {
    schemas: never;
    responses: {
        /** @description Default Response */
        Error: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/json": {
                    error: {
                        code: string;
                        message: string;
                        details?: {
                            [key: string]: unknown;
                        };
                    };
                };
            };
        };
    };
    parameters: never;
    requestBodies: never;
    headers: never;
    pathItems: never;
}
export type $defs = Record<string, never>;
export type operations = Record<string, never>;
