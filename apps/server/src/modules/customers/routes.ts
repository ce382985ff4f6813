/** HTTP routes of the customers module: staff customer management, the 360 view, the borrower's profile. */
import { z } from 'zod'
import { SYSTEM } from '../../platform/db/open.ts'
import type { AppContext, XindaiApp } from '../../platform/http/app.ts'
import { actorOf, asStaff } from '../../platform/http/request.ts'
import { pageOf, pageQuery, problems, ZIdParams } from '../../platform/http/schemas.ts'
import { addBankCard } from './add-bank-card.ts'
import { addContact } from './add-contact.ts'
import { loadBorrowerProfile, profileDto, saveBorrowerProfile } from './borrower-profile.ts'
import { createCustomer } from './create-customer.ts'
import { getCustomer360 } from './customer-360.ts'
import { getCustomer, listCustomers } from './customer-queries.ts'
import './messages.ts'
import './operations.ts'
import './sections/loans.ts'
import { updateCustomer } from './update-customer.ts'
import { uploadAddressBook } from './upload-address-book.ts'
import { ZAddressBook, ZBankCard, ZBorrowerProfile, ZContact, ZCustomerCreate, ZCustomerPatch } from './validators.ts'

const ZIsoDate = z.iso.date()
const ZUnmask = z.strictObject({ unmask: z.enum(['true', 'false']).optional() })

const ZListItem = z.object({
  id: z.string(),
  institutionId: z.string(),
  name: z.string(),
  idNumber: z.string(),
  phone: z.string(),
  sex: z.enum(['male', 'female']),
  birthDate: z.string(),
  channel: z.string().nullable(),
  tags: z.array(z.string()),
  managerId: z.string().nullable(),
  createdAt: z.string(),
})
const ZCustomer = ZListItem.extend({
  borrowerId: z.string().nullable(),
  otherPhones: z.array(z.string()),
  address: z.unknown(),
  job: z.unknown(),
  contacts: z.array(z.object({ id: z.string(), name: z.string(), relation: z.string(), phone: z.string() })),
  bankCards: z.array(z.object({ id: z.string(), bank: z.string(), cardNumber: z.string() })),
  addressBook: z.object({ count: z.number(), uploadedAt: z.string().nullable() }),
  documents: z.array(
    z.object({ kind: z.string(), fileRef: z.string(), name: z.string().optional(), addedAt: z.string() }),
  ),
  createdBy: z.string().nullable(),
  updatedAt: z.string(),
  unmasked: z.boolean(),
})
const ZCustomer360 = z.object({
  customer: ZCustomer,
  sections: z.record(z.string(), z.unknown()),
  timeline: z.array(
    z.object({
      at: z.string(),
      source: z.enum(['audit', 'event']),
      kind: z.string(),
      actor: z.string().nullable(),
      objectType: z.string(),
      objectId: z.string().nullable(),
    }),
  ),
})

export function registerCustomerRoutes(app: XindaiApp, ctx: AppContext) {
  const tags = ['customers']
  const read = { permission: 'customer.read' }
  const manage = { permission: 'customer.manage' }

  app.get(
    '/api/v1/customers',
    {
      config: read,
      schema: {
        tags,
        summary: 'List customers in scope (masked)',
        querystring: pageQuery(['createdAt', 'name', 'birthDate'], {
          q: z.string().trim().max(60).optional(),
          phone: z.string().trim().max(20).optional(),
          idNumber: z.string().trim().max(30).optional(),
          tag: z.string().trim().max(30).optional(),
          channel: z.string().trim().max(40).optional(),
          createdFrom: ZIsoDate.optional(),
          createdTo: ZIsoDate.optional(),
        }),
        response: { 200: pageOf(ZListItem), ...problems },
      },
    },
    (req) => asStaff(ctx, req, ({ tx, principal }) => listCustomers(tx, principal, ctx.pii, req.query)),
  )
  app.post(
    '/api/v1/customers',
    {
      config: manage,
      schema: { tags, summary: 'Create a customer', body: ZCustomerCreate, response: { 201: ZCustomer, ...problems } },
    },
    async (req, reply) => {
      const dto = await asStaff(ctx, req, async ({ tx, principal, actor }) => {
        const id = await createCustomer({
          tx,
          actor,
          pii: ctx.pii,
          institutionId: principal.institutionId,
          input: req.body,
        })
        return getCustomer(tx, principal, ctx.pii, id)
      })
      return reply.code(201).send(dto)
    },
  )
  app.get(
    '/api/v1/customers/:id',
    {
      config: read,
      schema: {
        tags,
        summary: 'One customer; ?unmask=true (pii.read) shows personal data in full and is audited',
        params: ZIdParams,
        querystring: ZUnmask,
        response: { 200: ZCustomer, ...problems },
      },
    },
    (req) =>
      asStaff(ctx, req, ({ tx, principal, actor }) =>
        getCustomer(tx, principal, ctx.pii, req.params.id, { unmask: req.query.unmask === 'true', actor }),
      ),
  )
  app.patch(
    '/api/v1/customers/:id',
    {
      config: manage,
      schema: { tags, params: ZIdParams, body: ZCustomerPatch, response: { 200: ZCustomer, ...problems } },
    },
    (req) =>
      asStaff(ctx, req, async (call) => {
        await updateCustomer({ ...call, pii: ctx.pii, id: req.params.id, input: req.body })
        return getCustomer(call.tx, call.principal, ctx.pii, req.params.id)
      }),
  )
  app.post(
    '/api/v1/customers/:id/contacts',
    {
      config: manage,
      schema: { tags, params: ZIdParams, body: ZContact, response: { 201: ZCustomer, ...problems } },
    },
    async (req, reply) => {
      const dto = await asStaff(ctx, req, async (call) => {
        await addContact({ ...call, pii: ctx.pii, customerId: req.params.id, input: req.body })
        return getCustomer(call.tx, call.principal, ctx.pii, req.params.id)
      })
      return reply.code(201).send(dto)
    },
  )
  app.post(
    '/api/v1/customers/:id/bank-cards',
    {
      config: manage,
      schema: { tags, params: ZIdParams, body: ZBankCard, response: { 201: ZCustomer, ...problems } },
    },
    async (req, reply) => {
      const dto = await asStaff(ctx, req, async (call) => {
        await addBankCard({ ...call, pii: ctx.pii, customerId: req.params.id, input: req.body })
        return getCustomer(call.tx, call.principal, ctx.pii, req.params.id)
      })
      return reply.code(201).send(dto)
    },
  )
  app.post(
    '/api/v1/customers/:id/address-book',
    {
      config: manage,
      schema: {
        tags,
        summary: 'Upload the address book (replaces the previous upload)',
        params: ZIdParams,
        body: ZAddressBook,
        response: { 200: z.object({ count: z.number(), uploadedAt: z.string() }), ...problems },
      },
    },
    (req) =>
      asStaff(ctx, req, (call) =>
        uploadAddressBook({ ...call, pii: ctx.pii, customerId: req.params.id, entries: req.body.entries }),
      ),
  )
  app.get(
    '/api/v1/customers/:id/360',
    {
      config: read,
      schema: {
        tags,
        summary: 'Customer 360: the customer, sections of other modules, and the timeline',
        params: ZIdParams,
        querystring: ZUnmask,
        response: { 200: ZCustomer360, ...problems },
      },
    },
    (req) =>
      asStaff(ctx, req, ({ tx, principal, actor }) =>
        getCustomer360(tx, principal, ctx.pii, req.params.id, { unmask: req.query.unmask === 'true', actor }),
      ),
  )
  registerBorrowerProfileRoutes(app, ctx)
}

function registerBorrowerProfileRoutes(app: XindaiApp, ctx: AppContext) {
  const ZProfile = z.object({
    name: z.string().nullable(),
    idNumber: z.string().nullable(),
    birthDate: z.string().nullable(),
    sex: z.string().nullable(),
    address: z.unknown(),
    job: z.unknown(),
    contacts: z.array(z.object({ name: z.string(), relation: z.string(), phone: z.string() })),
    missing: z.array(z.string()),
    updatedAt: z.string().nullable(),
  })
  app.get(
    '/api/v1/borrower/profile',
    {
      config: { auth: 'borrower' },
      schema: { tags: ['borrower'], summary: "The borrower's own profile", response: { 200: ZProfile, ...problems } },
    },
    (req) =>
      ctx.db.tx(SYSTEM, async (tx) => profileDto(ctx.pii, await loadBorrowerProfile(tx, req.borrower!.borrowerId))),
  )
  app.put(
    '/api/v1/borrower/profile',
    {
      config: { auth: 'borrower' },
      schema: {
        tags: ['borrower'],
        summary: 'Save the fields given (others keep their value)',
        body: ZBorrowerProfile,
        response: { 200: ZProfile, ...problems },
      },
    },
    (req) =>
      ctx.db.tx(SYSTEM, (tx) =>
        saveBorrowerProfile({
          tx,
          actor: actorOf(req),
          pii: ctx.pii,
          borrowerId: req.borrower!.borrowerId,
          input: req.body,
        }),
      ),
  )
}
