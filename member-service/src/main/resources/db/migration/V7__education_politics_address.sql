-- Registration-form fields: 学历, 政治面貌, 通讯地址.
alter table member add column education text;
alter table member add column political_status text;
alter table member add column address text;
