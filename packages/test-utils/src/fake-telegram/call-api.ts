import type { FakeTelegram } from './fake-telegram.js'

/** Telegram's response envelope. */
export interface ApiResponse<T = unknown> {
  status: number
  body: {
    ok: boolean
    result?: T
    error_code?: number
    description?: string
    parameters?: { retry_after?: number }
  }
}

/** Calls a Bot API method on the fake with a JSON body (or a FormData body), like a raw client. */
export async function callApi<T = unknown>(
  fake: Pick<FakeTelegram, 'apiRoot' | 'token'>,
  method: string,
  params: Record<string, unknown> | FormData = {},
  options: { token?: string; signal?: AbortSignal } = {},
): Promise<ApiResponse<T>> {
  const isForm = params instanceof FormData
  const res = await fetch(`${fake.apiRoot}/bot${options.token ?? fake.token}/${method}`, {
    method: 'POST',
    ...(isForm ? {} : { headers: { 'content-type': 'application/json' } }),
    body: isForm ? params : JSON.stringify(params),
    ...(options.signal ? { signal: options.signal } : {}),
  })
  return { status: res.status, body: (await res.json()) as ApiResponse<T>['body'] }
}
