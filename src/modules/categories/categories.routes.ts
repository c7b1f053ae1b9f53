// Body categories (kategori / kualifikasi badan publik) of my commission.
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import { ctx } from '../../http/context.ts';
import { ListOf, NoContent, responses } from '../../http/schemas.ts';
import { etag } from '../../http/versioning.ts';
import { Category, CategoryCreate, CategoryListQuery, CategoryParams, CategoryUpdate } from './categories.schemas.ts';
import { createCategory, deleteCategory, getCategory, listCategories, updateCategory } from './categories.service.ts';

export default function categoriesRoutes(fastify: FastifyInstance): void {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
  const { db } = app.deps.database;

  app.get('/categories', {
    config: { permission: 'categories:read' },
    schema: { operationId: 'listCategories', tags: ['categories'], summary: 'Body categories of my commission, by code', querystring: CategoryListQuery, response: responses({ 200: ListOf(Category) }) },
  }, async (request) => listCategories(db, ctx(request), request.query));

  app.post('/categories', {
    config: { permission: 'categories:write' },
    schema: { operationId: 'createCategory', tags: ['categories'], summary: 'Create a category (code unique, case-insensitively, in my commission)', body: CategoryCreate, response: responses({ 201: Category }) },
  }, async (request, reply) => {
    const category = await createCategory(request.work, request.body);
    reply.code(201).header('etag', etag(category.version)).header('location', `/api/v1/categories/${category.id}`);
    return category;
  });

  app.get('/categories/:categoryId', {
    config: { permission: 'categories:read' },
    schema: { operationId: 'getCategory', tags: ['categories'], summary: 'A category', params: CategoryParams, response: responses({ 200: Category }) },
  }, async (request, reply) => {
    const category = await getCategory(db, ctx(request), request.params.categoryId);
    return reply.header('etag', etag(category.version)).send(category);
  });

  app.patch('/categories/:categoryId', {
    config: { permission: 'categories:write' },
    schema: { operationId: 'updateCategory', tags: ['categories'], summary: 'Rename or recode a category; honours If-Match', params: CategoryParams, body: CategoryUpdate, response: responses({ 200: Category }) },
  }, async (request, reply) => {
    const category = await updateCategory(request.work, request.params.categoryId, request.body);
    reply.header('etag', etag(category.version));
    return category;
  });

  app.delete('/categories/:categoryId', {
    config: { permission: 'categories:write' },
    schema: { operationId: 'deleteCategory', tags: ['categories'], summary: 'Delete an unused category (409 while bodies or periods use it)', params: CategoryParams, response: responses({ 204: NoContent }) },
  }, async (request, reply) => {
    await deleteCategory(request.work, request.params.categoryId);
    reply.code(204);
    return null;
  });
}
